using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.Client.Tests;

/// <summary>
/// A real HTTP server (Kestrel on a loopback port) in front of a silo. For each request it asks the fault function (given
/// the 1-based attempt number) whether to answer 503 with a <c>Retry-After</c> before the silo sees it, to forward it and
/// then drop the connection (the silo applied it, the client never hears), or to forward it and relay the answer. It
/// records every attempt's method, <c>Idempotency-Key</c> and arrival time.
/// </summary>
public sealed class FlakyFrontServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _silo;
    private readonly Func<int, Fault> _faultOf;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly int _retryAfterSeconds;
    private int _attempts;

    private FlakyFrontServer(WebApplication app, Uri silo, Func<int, Fault> faultOf, int retryAfterSeconds)
    {
        _app = app;
        _silo = new HttpClient { BaseAddress = silo };
        _faultOf = faultOf;
        _retryAfterSeconds = retryAfterSeconds;
        app.Run(HandleAsync);
    }

    public enum Fault
    {
        None,
        ServiceUnavailable,
        DropAfterForwarding,
    }

    public Uri BaseAddress { get; private set; } = null!;

    public List<Attempt> Attempts { get; } = [];

    public static async Task<FlakyFrontServer> StartAsync(Uri silo, Func<int, Fault> faultOf, int retryAfterSeconds = 1)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = new FlakyFrontServer(builder.Build(), silo, faultOf, retryAfterSeconds);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _silo.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        lock (Attempts)
        {
            Attempts.Add(new Attempt(context.Request.Method, context.Request.Headers["Idempotency-Key"].FirstOrDefault(), _clock.Elapsed));
        }

        var fault = _faultOf(attempt);
        if (fault == Fault.ServiceUnavailable)
        {
            context.Response.StatusCode = 503;
            context.Response.ContentType = "application/problem+json";
            context.Response.Headers.RetryAfter = _retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.WriteAsync("""{"type":"urn:actors:problem:storage-unavailable","title":"Storage is unavailable","status":503,"detail":"The front server says: retry later."}""");
            return;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path.Value!.TrimStart('/') + context.Request.QueryString);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        if (body.Length > 0 || HttpMethods.IsPost(context.Request.Method))
        {
            forward.Content = new ByteArrayContent(body.ToArray());
            forward.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType ?? "application/json");
        }

        foreach (var name in new[] { "Authorization", "Idempotency-Key", "If-Match", "Accept" })
        {
            if (context.Request.Headers.TryGetValue(name, out var value))
            {
                forward.Headers.TryAddWithoutValidation(name, value.ToString());
            }
        }

        using var answer = await _silo.SendAsync(forward);
        var content = await answer.Content.ReadAsByteArrayAsync();
        if (fault == Fault.DropAfterForwarding)
        {
            // The silo applied it; the client's connection is reset before any answer.
            context.Abort();
            return;
        }

        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var header in answer.Headers)
        {
            if (header.Key is "ETag" or "Idempotent-Replayed" or "Retry-After")
            {
                context.Response.Headers[header.Key] = string.Join(",", header.Value);
            }
        }

        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
        await context.Response.Body.WriteAsync(content);
    }

    public sealed record Attempt(string Method, string? IdempotencyKey, TimeSpan At);
}
