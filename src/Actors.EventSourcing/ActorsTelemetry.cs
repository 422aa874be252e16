using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Actors.EventSourcing;

/// <summary>
/// The server's traces and metrics, both named <c>Actors</c>: spans for the gateway's batch, the actor turn and
/// the journal append (the turn descends from the batch through Orleans' grain-call spans), and counters and
/// histograms of what the runtime does. Exported over OTLP by the silo when an OTLP endpoint is configured; free
/// when nobody listens.
/// </summary>
public static class ActorsTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "Actors";

    /// <summary>Span names, kept in one place so dashboards can rely on them.</summary>
    public static class Spans
    {
        /// <summary>The gateway running one batch against one actor, inside the HTTP request's span.</summary>
        public const string Batch = "actors.batch";

        /// <summary>The actor's turn in its grain: deciding, applying and appending one batch.</summary>
        public const string Turn = "actors.turn";

        /// <summary>One mutation set written to the journal.</summary>
        public const string Append = "actors.append";
    }

    /// <summary>Tag names, kept in one place so dashboards can rely on them.</summary>
    public static class Tags
    {
        public const string ActorType = "actor.type";
        public const string ActorId = "actor.id";
        public const string ActorVersion = "actor.version";
        public const string BatchSize = "batch.size";
        public const string Preview = "batch.preview";
        public const string EventCount = "events.count";
        public const string Outcome = "outcome";
    }

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Batches = Meter.CreateCounter<long>("actors.batches", description: "Batches run, by actor type, preview and outcome.");

    public static readonly Counter<long> Checkpoints = Meter.CreateCounter<long>("actors.checkpoints", description: "Mutation sets committed.");

    public static readonly Counter<long> Rewinds = Meter.CreateCounter<long>("actors.rewinds", description: "Rewinds and restores committed.");

    public static readonly Counter<long> Previews = Meter.CreateCounter<long>("actors.previews", description: "Preview batches run.");

    public static readonly Counter<long> Conflicts = Meter.CreateCounter<long>("actors.conflicts", description: "Appends refused because another writer took the version first.");

    public static readonly Counter<long> Activations = Meter.CreateCounter<long>("actors.activations", description: "Actors activated.");

    public static readonly Counter<long> Deactivations = Meter.CreateCounter<long>("actors.deactivations", description: "Idle actors deactivated.");

    public static readonly Histogram<double> AppendDuration = Meter.CreateHistogram<double>("actors.append.duration", "ms", "Time to commit one mutation set.");

    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("actors.turn.duration", "ms", "Time of one actor turn, waiting for the journal included.");
}
