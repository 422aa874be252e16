using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Actors.Torture.Scenarios;

/// <summary>
/// At least 10,000 malformed or hostile requests (see <see cref="HostileRequests"/>) plus slow bodies sent a byte at a
/// time. Every answer is a 4xx problem naming the problem, never a 5xx; the journal is unchanged; the silo's memory stays
/// bounded; a slow body is cut off by the server.
/// </summary>
public static class HostileInputScenario
{
    private const int MaxBodyBytes = 1024 * 1024;
    private static readonly TimeSpan SlowBodyBound = TimeSpan.FromSeconds(30);

    public static async Task<Report> RunAsync(string store, Size size, TextWriter log, CancellationToken cancellationToken)
    {
        var report = new Report($"hostile/{store}");
        var tokens = new Tokens();
        var admin = tokens.Admin.Token;
        await using var journal = await JournalStore.CreateAsync(store, cancellationToken);
        await using var silo = await SiloProcess.StartAsync(Silos.Environment(tokens, journal), cancellationToken);
        using var client = new SiloClient(silo.BaseAddress);
        var order = $"hostile-{Guid.NewGuid():N}";
        await client.MustAsync("order", order, """[{"type":"create","body":{"currency":"SEK"}},{"type":"addOrderLine","body":{"sku":"S","quantity":1,"unitPrice":5}}]""", admin, cancellationToken: cancellationToken);
        await client.MustAsync("order", order, """[{"type":"addTag","body":{"key":"before"}}]""", admin, cancellationToken: cancellationToken);
        for (var i = 0; i < 300; i++)
        {
            await client.MustAsync("order", order, """[{"type":"query"},{"type":"getCheckpoints"}]""", admin, cancellationToken: cancellationToken);
        }

        var versionBefore = await client.GlobalVersionAsync(admin, cancellationToken);
        var checkpointsBefore = (await client.CheckpointsAsync("order", order, admin, cancellationToken)).Select(c => c.ToJsonString()).ToList();
        var rssBefore = silo.ResidentBytes();

        var slow = Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SlowBodyAsync(silo.BaseAddress, admin, order, report, cancellationToken)));
        var generator = new HostileRequests(order, seed: 4242, MaxBodyBytes);
        var requests = Enumerable.Range(0, size.HostileRequests).Select(generator.Next).ToList();
        var next = -1;
        var kinds = new ConcurrentDictionary<string, int>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count)
            {
                await SendAsync(client, requests[i], admin, report, kinds, cancellationToken);
            }
        }, cancellationToken)));
        await slow;

        var rssAfter = silo.ResidentBytes();
        report.Set("rss before MB", rssBefore / (1024 * 1024));
        report.Set("rss after MB", rssAfter / (1024 * 1024));
        report.Require(rssAfter <= Math.Max(3 * rssBefore, rssBefore + (384L * 1024 * 1024)), $"the silo grew from {rssBefore >> 20} MB to {rssAfter >> 20} MB");
        var versionAfter = await client.GlobalVersionAsync(admin, cancellationToken);
        var checkpointsAfter = (await client.CheckpointsAsync("order", order, admin, cancellationToken)).Select(c => c.ToJsonString()).ToList();
        report.Require(versionBefore == versionAfter, $"the journal changed: global version {versionBefore} -> {versionAfter}");
        report.Require(checkpointsBefore.SequenceEqual(checkpointsAfter), "the order's checkpoints changed");
        report.Require((await client.GetAsync("/health/live", null, cancellationToken)).Status == 200, "the silo is not live afterwards");
        report.Set("kinds", kinds.Count);
        report.CheckCore();
        log.WriteLine(report);
        log.WriteLine("  by kind: " + string.Join(", ", kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}")));
        return report;
    }

    private static async Task SendAsync(SiloClient client, HostileRequest request, string admin, Report report, ConcurrentDictionary<string, int> kinds, CancellationToken cancellationToken)
    {
        report.Add("requests");
        kinds.AddOrUpdate(request.Kind, 1, (_, n) => n + 1);
        ByteArrayContent? content = null;
        if (request.Body is not null)
        {
            content = new ByteArrayContent(request.Body);
            if (!string.IsNullOrEmpty(request.ContentType))
            {
                content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        Answer answer;
        try
        {
            answer = await client.SendAsync(new HttpMethod(request.Method), request.Path, request.WithToken ? admin : null, content, request.Headers, cancellationToken);
        }
        catch (HttpRequestException e) when (request.Kind is "oversized body" or "huge string" or "huge array")
        {
            // The server may answer 413 and close before the whole body is sent; the client then sees the reset.
            report.Add("closed early");
            _ = e;
            return;
        }
        catch (HttpRequestException e)
        {
            report.Fail($"{request.Kind} {request.Method} {request.Path}: no answer ({e.Message})");
            return;
        }
        finally
        {
            content?.Dispose();
        }

        report.Add($"{answer.Status}");
        if (answer.Status >= 500)
        {
            report.Add("5xx");
            report.Fail($"{request.Kind} {request.Method} {Short(request.Path)}: {answer}");
        }
        else if (answer.Status < 400)
        {
            report.Add("accepted");
            report.Fail($"{request.Kind} {request.Method} {Short(request.Path)} {Short(request.Body)} was accepted: {answer}");
        }
        else if (answer.ProblemDefect() is { } defect)
        {
            report.Fail($"{request.Kind} {request.Method} {Short(request.Path)}: {defect}: {answer}");
        }
    }

    /// <summary>Headers, then a declared 1000-byte body a byte at a time, slower than any server should wait for.</summary>
    private static async Task SlowBodyAsync(Uri silo, string admin, string order, Report report, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(silo.Host, silo.Port, cancellationToken);
        var head = $"POST /resources/actors/order/{order} HTTP/1.1\r\nHost: {silo.Authority}\r\nAuthorization: Bearer {admin}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[";
        await socket.SendAsync(Encoding.ASCII.GetBytes(head), SocketFlags.None, cancellationToken);
        var clock = Stopwatch.StartNew();
        var answer = new byte[4096];
        var reading = socket.ReceiveAsync(answer, SocketFlags.None, cancellationToken).AsTask();
        try
        {
            while (!reading.IsCompleted && clock.Elapsed < SlowBodyBound)
            {
                await socket.SendAsync(" "u8.ToArray(), SocketFlags.None, cancellationToken);
                await Task.WhenAny(reading, Task.Delay(250, cancellationToken));
            }
        }
        catch (SocketException)
        {
            // The server closed the connection: that is one correct end.
        }

        report.Add("slow bodies");
        report.Max("slow body cut ms", (long)clock.Elapsed.TotalMilliseconds);
        if (!reading.IsCompleted)
        {
            report.Fail($"a body sent a byte every 250 ms was still being read after {SlowBodyBound.TotalSeconds} s");
            return;
        }

        int read;
        try
        {
            read = await reading;
        }
        catch (SocketException)
        {
            read = 0;
        }

        var status = read > 12 ? Encoding.ASCII.GetString(answer, 9, 3) : "closed";
        report.Add($"slow body {status}");
        report.Require(status is "closed" or "408" or "400" or "413", $"a slow body was answered {status}");
    }

    private static string Short(string text) => text.Length > 120 ? text[..120] + "..." : text;

    private static string Short(byte[]? body) => body is null ? string.Empty : Short(Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)));
}
