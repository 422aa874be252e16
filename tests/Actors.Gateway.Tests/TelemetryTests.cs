using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Actors.EventSourcing;

namespace Actors.Gateway.Tests;

/// <summary>
/// In process, with no exporter: one batch over HTTP leaves a trace gateway batch → (Orleans' grain call) → turn → append
/// with its attributes, and moves the metrics.
/// </summary>
[Collection(SqliteSiloCollection.Name)]
public sealed class TelemetryTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ActivityListener _spanListener = new();
    private readonly MeterListener _meterListener = new();
    private readonly ActorsClient _api;

    public TelemetryTests(SqliteSiloFixture silo)
    {
        _api = new ActorsClient(silo.Http);
        // Orleans' grain-call spans carry the trace from the gateway into the grain: without a listener on them, the turn
        // would start a trace of its own. Spans are taken as they start, since Orleans may end its server span after the
        // HTTP answer left; the project's own spans all end before it.
        _spanListener.ShouldListenTo = source => source.Name == ActorsTelemetry.Name || source.Name.StartsWith("Microsoft.Orleans.", StringComparison.Ordinal);
        _spanListener.Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded;
        _spanListener.ActivityStarted = _spans.Enqueue;
        ActivitySource.AddActivityListener(_spanListener);

        _meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ActorsTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.Start();
    }

    public void Dispose()
    {
        _spanListener.Dispose();
        _meterListener.Dispose();
    }

    [Fact]
    public async Task A_batch_is_traced_from_the_gateway_through_the_turn_to_the_append()
    {
        var id = $"otel-{Guid.NewGuid():N}";

        (await _api.BatchAsync("order", id, """[{"type":"create","body":{"currency":"SEK"}},{"type":"addTag","body":{"key":"traced"}}]""")).Ok();

        var gateway = Assert.Single(_spans, s => s.OperationName == ActorsTelemetry.Spans.Batch && (string?)s.GetTagItem(ActorsTelemetry.Tags.ActorId) == id);
        var trace = _spans.Where(s => s.TraceId == gateway.TraceId).ToList();
        var turn = Assert.Single(trace, s => s.OperationName == ActorsTelemetry.Spans.Turn);
        var append = Assert.Single(trace, s => s.OperationName == ActorsTelemetry.Spans.Append);
        Assert.Equal(ActivityKind.Internal, gateway.Kind);
        Assert.Equal(turn.SpanId, append.ParentSpanId);
        var ancestors = Ancestors(trace, turn);
        var gatewayAt = ancestors.IndexOf(gateway);
        Assert.True(gatewayAt > 0, "the turn descends from the gateway's span, through Orleans' grain-call spans");
        Assert.All(ancestors.Take(gatewayAt), s => Assert.StartsWith("Microsoft.Orleans.", s.Source.Name, StringComparison.Ordinal));
        Assert.True(gateway.StartTimeUtc <= turn.StartTimeUtc && turn.StartTimeUtc <= append.StartTimeUtc);
        Assert.True(append.StartTimeUtc + append.Duration <= turn.StartTimeUtc + turn.Duration);
        foreach (var span in new[] { gateway, turn, append })
        {
            Assert.Equal("order", span.GetTagItem(ActorsTelemetry.Tags.ActorType));
            Assert.Equal(1L, Convert.ToInt64(span.GetTagItem(ActorsTelemetry.Tags.ActorVersion), System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(2, gateway.GetTagItem(ActorsTelemetry.Tags.BatchSize));
        Assert.Equal(2, turn.GetTagItem(ActorsTelemetry.Tags.BatchSize));
        Assert.Equal(2, append.GetTagItem(ActorsTelemetry.Tags.EventCount));
    }

    [Fact]
    public async Task Batches_checkpoints_rewinds_previews_and_latencies_are_measured()
    {
        var id = $"otel-{Guid.NewGuid():N}";

        (await _api.BatchAsync("ticket", id, """[{"type":"create","body":{"title":"metrics"}}]""")).Ok();
        (await _api.BatchAsync("ticket", id, """[{"type":"assign","body":{"assignee":"kim"}}]""")).Ok();
        (await _api.BatchAsync("ticket", id, """[{"type":"rewind","body":{"version":1}},{"type":"query"}]""", query: "?preview")).Ok();
        (await _api.BatchAsync("ticket", id, """[{"type":"rewind","body":{"version":1}}]""")).Ok();
        _meterListener.RecordObservableInstruments();

        var ticket = _measurements.Where(m => (string?)m.Tags.GetValueOrDefault(ActorsTelemetry.Tags.ActorType) == "ticket").ToList();
        Assert.True(Sum(ticket, "actors.batches") >= 4);
        Assert.True(Sum(ticket, "actors.checkpoints") >= 3);
        Assert.True(Sum(ticket, "actors.rewinds") >= 1);
        Assert.True(Sum(ticket, "actors.previews") >= 1);
        Assert.Contains(ticket, m => m.Instrument == "actors.append.duration" && m.Value > 0);
        Assert.Contains(ticket, m => m.Instrument == "actors.turn.duration" && m.Value > 0);
        Assert.Contains(ticket, m => m.Instrument == "actors.batches" && Equals(m.Tags.GetValueOrDefault(ActorsTelemetry.Tags.Preview), true));
    }

    /// <summary>The parent of <paramref name="span"/>, its parent, and so on, as far as they were recorded.</summary>
    private static List<Activity> Ancestors(List<Activity> trace, Activity span)
    {
        var ancestors = new List<Activity>();
        var current = span;
        while (trace.FirstOrDefault(s => s.SpanId == current.ParentSpanId) is { } parent)
        {
            ancestors.Add(parent);
            current = parent;
        }

        return ancestors;
    }

    private static double Sum(IEnumerable<(string Instrument, double Value, Dictionary<string, object?> Tags)> measurements, string instrument) =>
        measurements.Where(m => m.Instrument == instrument).Sum(m => m.Value);

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var (key, tagValue) in tags)
        {
            copy[key] = tagValue;
        }

        _measurements.Enqueue((instrument.Name, value, copy));
    }
}
