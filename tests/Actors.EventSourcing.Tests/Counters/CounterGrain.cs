using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Orleans.EventSourcing;
using Orleans.Providers;

namespace Actors.EventSourcing.Tests.Counters;

/// <summary>
/// The provider's test grain: a counter whose log is kept by the <see cref="JournalLogConsistencyProvider"/>, one journal
/// row per entry. It keeps JournaledGrain's own activation (which loads the view), and does no retrying of its own, so
/// every test sees what the provider does.
/// </summary>
[GrainType(TypeName)]
[LogConsistencyProvider(ProviderName = JournalLogConsistencyProvider.Name)]
public sealed class CounterGrain : JournaledGrain<CounterView, CounterEntry>, ICounterGrain, IJournalFormat<CounterView, CounterEntry>
{
    /// <summary>The grain type, which is also the actor type of its journal rows.</summary>
    public const string TypeName = "counter";

    public Task<bool> TryAddAsync(long by) => RaiseConditionalEvent(new CounterEntry(by));

    public async Task AddAsync(long by)
    {
        RaiseEvent(new CounterEntry(by));
        await ConfirmEvents();
    }

    public Task<long> RaiseAsync(long by)
    {
        RaiseEvent(new CounterEntry(by));
        return Task.FromResult(TentativeState.Value);
    }

    public async Task<CounterReading> GetAsync()
    {
        await RefreshNow();
        return new CounterReading(State.Value, Version);
    }

    public Task<CounterReading> PeekAsync() => Task.FromResult(new CounterReading(State.Value, Version));

    public Task<IReadOnlyList<CounterEntry>> GetEntriesAsync(int fromVersion, int toVersion) => RetrieveConfirmedEvents(fromVersion, toVersion);

    protected override void TransitionState(CounterView state, CounterEntry @event) => CounterFormat.Apply(state, @event);

    AppendRequest IJournalFormat<CounterView, CounterEntry>.ToAppend(ActorKey actor, long version, CounterEntry entry) => CounterFormat.Instance.ToAppend(actor, version, entry);

    CounterEntry IJournalFormat<CounterView, CounterEntry>.FromJournal(MutationSetRecord set) => CounterFormat.Instance.FromJournal(set);

    string IJournalFormat<CounterView, CounterEntry>.ToSnapshot(CounterView view) => CounterFormat.Instance.ToSnapshot(view);

    CounterView IJournalFormat<CounterView, CounterEntry>.FromSnapshot(SnapshotRecord snapshot, MutationSetRecord? snapshotSet) => CounterFormat.Instance.FromSnapshot(snapshot, snapshotSet);

    CounterView IJournalFormat<CounterView, CounterEntry>.Copy(CounterView view) => CounterFormat.Instance.Copy(view);
}
