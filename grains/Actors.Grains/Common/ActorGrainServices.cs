using Actors.Abstractions.Storage;
using Microsoft.Extensions.Options;

namespace Actors.Grains;

/// <summary>What every actor grain is given by the silo: the journal its history is read from, its settings, the history's rules and the clock.</summary>
public sealed class ActorGrainServices(IJournalStore store, IOptions<ActorGrainOptions> options, IOptions<ActorHistoryOptions> history, TimeProvider time)
{
    /// <summary>The journal (time-travel reads, idempotency look-ups, preview audits; appends go through the log-consistency provider).</summary>
    public IJournalStore Store { get; } = store;

    /// <summary>The grains' settings.</summary>
    public ActorGrainOptions Options { get; } = options.Value;

    /// <summary>The history's settings: whether a persisted rewind needs a reason.</summary>
    public ActorHistoryOptions History { get; } = history.Value;

    /// <summary>The clock commit times come from.</summary>
    public TimeProvider Time { get; } = time;
}
