using System.Diagnostics;
using System.Net.Sockets;

namespace Actors.Torture;

/// <summary>
/// Sends a load batch until it gets an answer, as a careful client does: the same Idempotency-Key and body on every retry,
/// after a lost connection, a timeout or a 503.
/// </summary>
public sealed class BatchSender(Func<SiloClient> client, string token, Report report, TimeSpan giveUpAfter)
{
    /// <summary>Waited for after an attempt got no answer (the silo is down or restarting).</summary>
    public Func<CancellationToken, Task> OnNoAnswer { get; init; } = cancellationToken => Task.Delay(50, cancellationToken);

    /// <summary>Called with every answer, e.g. to look at outage answers.</summary>
    public Action<Answer>? Observe { get; init; }

    /// <summary>Called with every attempt that got no answer, and whether the connection was refused (nothing was sent).</summary>
    public Action<Exception, bool>? ObserveNoAnswer { get; init; }

    /// <summary>The acknowledging answer, or null when the batch was refused or never answered (both are failures).</summary>
    public async Task<Answer?> SendAsync(LoadBatch batch, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + giveUpAfter;
        for (var attempt = 0; DateTime.UtcNow < deadline; attempt++)
        {
            report.Add(attempt == 0 ? "attempts" : "retries");
            batch.FirstSent ??= Stopwatch.GetTimestamp();
            Answer answer;
            try
            {
                answer = await client().BatchAsync("order", batch.ActorId, batch.Body, token, idempotencyKey: batch.Key, cancellationToken: cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or SocketException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // A refused connection never reached a silo (it is down); anything else may have been cut off mid-request.
                var refused = e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused };
                report.Add(refused ? "refused" : "no answer");
                ObserveNoAnswer?.Invoke(e, refused);
                await OnNoAnswer(cancellationToken);
                continue;
            }

            Observe?.Invoke(answer);
            switch (answer.Status)
            {
                case 200:
                    batch.Acknowledged = Stopwatch.GetTimestamp();
                    batch.AcknowledgedVersion = answer.Json?["version"]?.GetValue<long>();
                    report.Add(answer.Replayed ? "replayed" : "applied");
                    return answer;
                case 503:
                    report.Add("503");
                    report.Require(answer.Headers.RetryAfter is not null, $"a 503 without Retry-After: {answer}");
                    await Task.Delay(100, cancellationToken);
                    continue;
                case >= 500:
                    report.Add("5xx");
                    report.Fail($"batch {batch.Number} to order {batch.ActorId}: {answer}");
                    await Task.Delay(100, cancellationToken);
                    continue;
                default:
                    report.Add("refused");
                    report.Fail($"batch {batch.Number} to order {batch.ActorId} was refused: {answer}");
                    return null;
            }
        }

        report.Fail($"batch {batch.Number} to order {batch.ActorId} got no answer within {giveUpAfter.TotalSeconds:0} s");
        return null;
    }
}
