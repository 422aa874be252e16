using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Microsoft.Extensions.Options;
using Orleans.EventSourcing;
using Orleans.Storage;

namespace Actors.EventSourcing;

/// <summary>
/// The log-consistency provider that keeps each journaled grain's log in the journal store (SQLite or PostgreSQL),
/// one row per log entry. Choose it with <c>[LogConsistencyProvider(ProviderName = JournalLogConsistencyProvider.Name)]</c>;
/// the grain implements <see cref="IJournalFormat{TView, TEntry}"/>. See <see cref="JournalLogViewAdaptor{TView, TEntry}"/>
/// for what it guarantees that Orleans' built-in providers do not.
/// </summary>
public sealed class JournalLogConsistencyProvider(IJournalStore store, IOptions<JournalOptions> options, TimeProvider time)
    : ILogViewAdaptorFactory
{
    /// <summary>The provider's name in <c>[LogConsistencyProvider]</c>.</summary>
    public const string Name = "Journal";

    /// <inheritdoc />
    public bool UsesStorageProvider => false;

    /// <inheritdoc />
    public ILogViewAdaptor<TLogView, TLogEntry> MakeLogViewAdaptor<TLogView, TLogEntry>(
        ILogViewAdaptorHost<TLogView, TLogEntry> hostGrain,
        TLogView initialState,
        string grainTypeName,
        IGrainStorage? grainStorage,
        ILogConsistencyProtocolServices services)
        where TLogView : class, new()
        where TLogEntry : class
    {
        ArgumentNullException.ThrowIfNull(services);
        var format = hostGrain as IJournalFormat<TLogView, TLogEntry>
            ?? throw new InvalidOperationException(
                $"Grain {grainTypeName} uses the {Name} log-consistency provider, so it must implement IJournalFormat<{typeof(TLogView).Name}, {typeof(TLogEntry).Name}>.");
        var actor = new ActorKey(services.GrainId.Type.ToString()!, services.GrainId.Key.ToString()!);
        return new JournalLogViewAdaptor<TLogView, TLogEntry>(hostGrain, format, initialState, actor, store, options.Value, time);
    }
}
