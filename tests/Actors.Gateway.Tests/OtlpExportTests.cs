using Actors.EventSourcing;
using Actors.Gateway.Tests.Otlp;
using Actors.Silo;
using Actors.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Xunit.Abstractions;

namespace Actors.Gateway.Tests;

/// <summary>
/// A real silo on PostgreSQL exporting over OTLP, configured by the standard variables, to a real OTLP receiver: one batch
/// over HTTP arrives as one trace, from the HTTP request down to the SQL, and the metrics arrive too.
/// </summary>
public sealed class OtlpExportTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private PostgresTestDatabase? _database;

    public async Task InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync("actors_otlp");

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(OtlpProtocol.Grpc, null)]
    [InlineData(OtlpProtocol.HttpProtobuf, "actors-otlp-test")]
    public async Task A_batch_reaches_the_receiver_as_one_trace_from_the_request_to_the_sql_with_the_metrics(OtlpProtocol protocol, string? serviceName)
    {
        await using var receiver = await OtlpReceiver.StartAsync(protocol);
        await using var silo = await StartSiloAsync(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = receiver.ProtocolName,
            ["OTEL_SERVICE_NAME"] = serviceName,
        });
        var id = $"otlp-{Guid.NewGuid():N}";

        (await new ActorsClient(silo.Http).BatchAsync("order", id, """[{"type":"create","body":{"currency":"SEK"}},{"type":"addTag","body":{"key":"traced"}}]""")).Ok();
        await FlushUntilAsync(silo, receiver, r => TraceComplete(r.Spans, id) && HasMetrics(r.Metrics));

        var batch = Assert.Single(receiver.Spans, s => s.Name == ActorsTelemetry.Spans.Batch && Equals(s.Attributes.GetValueOrDefault(ActorsTelemetry.Tags.ActorId), id));
        var trace = receiver.Spans.Where(s => s.TraceId == batch.TraceId).ToList();
        var turn = Assert.Single(trace, s => s.Name == ActorsTelemetry.Spans.Turn);
        var append = Assert.Single(trace, s => s.Name == ActorsTelemetry.Spans.Append);
        var sql = Assert.Single(trace, s => s.Scope == "Npgsql" && s.ParentSpanId == append.SpanId);

        // Every link of the chain, from the SQL statement up to the root, as the receiver got it.
        var chain = Ancestry(trace, sql);
        var shape = string.Join(" <- ", chain.Select(s => $"{s.Scope}:{s.Name} ({s.Kind})"));
        output.WriteLine(shape);
        Assert.True(chain.Count == 7, $"Expected 7 spans from the SQL to the root: {shape}");
        var (request, client, server) = (chain[6], chain[4], chain[3]);
        Assert.Equal(("Microsoft.AspNetCore", OtlpSpanKind.Server, ""), (request.Scope, request.Kind, request.ParentSpanId));
        Assert.Equal("POST /resources/actors/{type}/{id}", request.Name);
        Assert.Equal(batch, chain[5]);
        Assert.Equal(("Microsoft.Orleans.Application", OtlpSpanKind.Client), (client.Scope, client.Kind));
        Assert.Equal(("Microsoft.Orleans.Application", OtlpSpanKind.Server), (server.Scope, server.Kind));
        Assert.Equal(new[] { sql, append, turn }, chain.Take(3));
        Assert.All(chain, span => Assert.Equal(serviceName ?? Telemetry.DefaultServiceName, span.Service));

        foreach (var span in new[] { batch, turn, append })
        {
            Assert.Equal("order", span.Attributes[ActorsTelemetry.Tags.ActorType]);
            Assert.Equal(id, span.Attributes[ActorsTelemetry.Tags.ActorId]);
            Assert.Equal(1L, span.Attributes[ActorsTelemetry.Tags.ActorVersion]);
            Assert.Equal(OtlpStatusCode.Unset, span.Status);
        }

        Assert.Equal(2L, batch.Attributes[ActorsTelemetry.Tags.BatchSize]);
        Assert.Equal(2L, turn.Attributes[ActorsTelemetry.Tags.BatchSize]);
        Assert.Equal(2L, append.Attributes[ActorsTelemetry.Tags.EventCount]);

        // Traces and metrics only: the silo's logs stay in its own logging.
        string[] signals = protocol == OtlpProtocol.Grpc
            ? [OtlpReceiver.TraceServicePath, OtlpReceiver.MetricsServicePath]
            : [OtlpReceiver.TracePath, OtlpReceiver.MetricsPath];
        Assert.All(receiver.Requests, path => Assert.Contains(path, signals));
        Assert.DoesNotContain(receiver.Spans, s => signals.Any(signal => s.Name.EndsWith(signal, StringComparison.Ordinal)));

        var metrics = receiver.Metrics;
        Assert.Contains(metrics, m => m.Scope == ActorsTelemetry.Name && m.Name == "actors.batches"
            && m.Points.Any(p => Equals(p.Attributes.GetValueOrDefault(ActorsTelemetry.Tags.ActorType), "order") && p.Value >= 1));
        Assert.Contains(metrics, m => m.Scope == ActorsTelemetry.Name && m.Name == "actors.append.duration" && m.Points.Sum(p => p.Value) >= 1);
        Assert.Contains(metrics, m => m.Scope == "Microsoft.Orleans");
        Assert.Contains(metrics, m => m.Scope == "Microsoft.AspNetCore.Hosting" && m.Name == "http.server.request.duration");
    }

    [Fact]
    public async Task Per_signal_endpoints_and_protocols_send_traces_and_metrics_each_where_it_says()
    {
        await using var traces = await OtlpReceiver.StartAsync(OtlpProtocol.HttpProtobuf);
        await using var metrics = await OtlpReceiver.StartAsync(OtlpProtocol.Grpc);
        await using var silo = await StartSiloAsync(new()
        {
            // A signal's own endpoint is used as it is: nothing is appended to it.
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = new Uri(traces.Endpoint, OtlpReceiver.TracePath).ToString(),
            ["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"] = traces.ProtocolName,
            ["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"] = metrics.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_METRICS_PROTOCOL"] = metrics.ProtocolName,
        });
        var id = $"otlp-{Guid.NewGuid():N}";

        (await new ActorsClient(silo.Http).BatchAsync("ticket", id, """[{"type":"create","body":{"title":"split"}}]""")).Ok();
        await FlushUntilAsync(silo, traces, r => TraceComplete(r.Spans, id));
        await FlushUntilAsync(silo, metrics, r => HasMetrics(r.Metrics));

        Assert.All(traces.Requests, path => Assert.Equal(OtlpReceiver.TracePath, path));
        Assert.Empty(traces.Metrics);
        Assert.All(metrics.Requests, path => Assert.Equal(OtlpReceiver.MetricsServicePath, path));
        Assert.Empty(metrics.Spans);
    }

    [Fact]
    public async Task Without_an_OTLP_endpoint_the_SDK_is_not_registered()
    {
        await using var silo = await StartSiloAsync([]);

        Assert.Null(silo.App.Services.GetService<TracerProvider>());
        Assert.Null(silo.App.Services.GetService<MeterProvider>());
    }

    private async Task<TestSilo> StartSiloAsync(Dictionary<string, string?> settings)
    {
        var configuration = TestTokens.Configuration();
        configuration["ConnectionStrings:Postgres"] = _database!.ConnectionString;

        // Short export cadences: a span that ends after the flush below (the request's own, once the response is sent)
        // follows quickly. The tests await arrival; they never wait for a fixed time.
        configuration["OTEL_BSP_SCHEDULE_DELAY"] = "100";
        configuration["OTEL_METRIC_EXPORT_INTERVAL"] = "500";
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        return await TestSilo.StartAsync(configuration);
    }

    /// <summary>Exports what was recorded so far, now, rather than at the next scheduled export.</summary>
    /// <summary>
    /// Flushes the silo's exporters until <paramref name="receiver"/> holds what <paramref name="condition"/> awaits. One
    /// flush is not enough: ASP.NET Core records a request's duration once the response has gone out, which can be after
    /// the client has read it and the test has flushed; that point leaves with the next flush.
    /// </summary>
    private static async Task FlushUntilAsync(TestSilo silo, OtlpReceiver receiver, Func<OtlpReceiver, bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + Timeout;
        while (true)
        {
            silo.App.Services.GetService<TracerProvider>()?.ForceFlush((int)Timeout.TotalMilliseconds);
            silo.App.Services.GetService<MeterProvider>()?.ForceFlush((int)Timeout.TotalMilliseconds);
            try
            {
                await receiver.WaitUntilAsync(condition, TimeSpan.FromSeconds(1));
                return;
            }
            catch (TimeoutException) when (DateTimeOffset.UtcNow < deadline)
            {
                // Not there yet: flush again.
            }
        }
    }

    /// <summary>
    /// The trace of actor <paramref name="id"/>'s batch arrived whole: the statement its append ran, and every span from there
    /// up to the root (the request's span, which ends last, after the answer was sent).
    /// </summary>
    private static bool TraceComplete(IReadOnlyList<ReceivedSpan> spans, string id)
    {
        var batch = spans.FirstOrDefault(s => s.Name == ActorsTelemetry.Spans.Batch && Equals(s.Attributes.GetValueOrDefault(ActorsTelemetry.Tags.ActorId), id));
        var trace = spans.Where(s => s.TraceId == batch?.TraceId).ToList();
        var append = trace.FirstOrDefault(s => s.Name == ActorsTelemetry.Spans.Append);
        var sql = trace.FirstOrDefault(s => s.Scope == "Npgsql" && s.ParentSpanId == append?.SpanId);
        return sql is not null && Ancestry(trace, sql)[^1].ParentSpanId.Length == 0;
    }

    /// <summary>The instruments the tests look for: the actors' own, Orleans', and ASP.NET Core's request duration.</summary>
    private static bool HasMetrics(IReadOnlyList<ReceivedMetric> metrics) =>
        metrics.Any(m => m.Name == "actors.batches") && metrics.Any(m => m.Name == "actors.append.duration")
        && metrics.Any(m => m.Scope == "Microsoft.Orleans")
        && metrics.Any(m => m.Scope == "Microsoft.AspNetCore.Hosting" && m.Name == "http.server.request.duration");

    /// <summary><paramref name="span"/>, its parent, and so on up to the root (or the first parent not received).</summary>
    private static List<ReceivedSpan> Ancestry(IReadOnlyList<ReceivedSpan> trace, ReceivedSpan span)
    {
        var chain = new List<ReceivedSpan> { span };
        while (trace.FirstOrDefault(s => s.SpanId == chain[^1].ParentSpanId) is { } parent)
        {
            chain.Add(parent);
        }

        return chain;
    }
}
