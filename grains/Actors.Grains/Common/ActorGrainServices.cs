using Actors.Abstractions.Storage;
using Microsoft.Extensions.Options;

namespace Actors.Grains;

/// <summary>What every actor grain is given by the silo: the journal its history is read from, its settings and the clock.</summary>
public sealed class ActorGrainServices(IJournalStore store, IOptions<ActorGrainOptions> options, TimeProvider time)
{
    /// <summary>The journal (time-travel reads, idempotency look-ups, preview audits; appends go through the log-consistency provider).</summary>
    public IJournalStore Store { get; } = store;

    /// <summary>The grains' settings.</summary>
    public ActorGrainOptions Options { get; } = options.Value;

    /// <summary>The clock commit times come from.</summary>
    public TimeProvider Time { get; } = time;
}
