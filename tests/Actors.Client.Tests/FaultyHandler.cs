using System.Net;
using System.Text;

namespace Actors.Client.Tests;

/// <summary>
/// Sits between the client and a real silo and fails the first requests in a chosen way: a 503 before the silo
/// sees the request, or a connection lost after the silo applied it. Records every Idempotency-Key it forwards.
/// </summary>
public sealed class FaultyHandler(Func<int, FaultyHandler.Fault> faultOf) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _attempts;

    public enum Fault
    {
        None,
        ServiceUnavailable,
        LoseResponse,
    }

    public List<string?> IdempotencyKeys { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        IdempotencyKeys.Add(request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null);
        switch (faultOf(Interlocked.Increment(ref _attempts)))
        {
            case Fault.ServiceUnavailable:
                var problem = """{"type":"urn:actors:problem:storage-unavailable","title":"Storage is unavailable","status":503,"detail":"The journal store cannot be reached; retry later."}""";
                var unavailable = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
                {
                    Content = new StringContent(problem, Encoding.UTF8, "application/problem+json"),
                };
                unavailable.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(2));
                return unavailable;
            case Fault.LoseResponse:
                using (await base.SendAsync(request, cancellationToken))
                {
                    throw new HttpRequestException("The connection was reset after the request was sent.");
                }

            default:
                return await base.SendAsync(request, cancellationToken);
        }
    }
}
