using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Actors.EventSourcing;
using Orleans.EventSourcing;
using Orleans.Providers;

namespace Actors.Grains;

/// <summary>
/// The base of every business grain (Order, Payment, ...): an Orleans <see cref="JournaledGrain{TGrainState, TEventBase}"/>
/// whose log entries are mutation sets, one per batch, kept in the journal by the <see cref="JournalLogConsistencyProvider"/>.
/// A batch is decided on a copy of the state (nothing is raised while its messages run), then raised as one conditional
/// entry; when another writer got there first it is decided again on the newest state. A preview is decided the same way
/// and discarded, so no other caller ever sees it. The subclass brings its <see cref="ActorRules{TState}"/> and its typed
/// methods.
/// </summary>
[LogConsistencyProvider(ProviderName = JournalLogConsistencyProvider.Name)]
public abstract partial class ActorGrain<TState> : JournaledGrain<ActorView<TState>, MutationSet>,
    IActorGrain<TState>, IJournalFormat<ActorView<TState>, MutationSet>
    where TState : EntityState
{
    private readonly ActorRules<TState> _rules;
    private readonly ActorGrainServices _services;
    private TaskCompletionSource? _versionChanged;
    private bool _ready;

    /// <summary>A grain of the type <paramref name="rules"/> describe; <paramref name="services"/> come from the silo's container.</summary>
    protected ActorGrain(ActorRules<TState> rules, ActorGrainServices services)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(services);
        _rules = rules;
        _services = services;
    }

    /// <summary>This actor's address: its type's URL name and the grain's key.</summary>
    protected ActorKey Key => new(Descriptor.Name, this.GetPrimaryKeyString());

    /// <summary>What this actor type is.</summary>
    protected ActorTypeDescriptor Descriptor => _rules.Type;

    /// <summary>The confirmed state: the fold of every committed mutation set; null before <c>create</c>.</summary>
    protected TState? Confirmed => State.State;

    /// <summary>Who typed calls are recorded as: <see cref="ActorRequestContext.Principal"/>, or <see cref="ActorRequestContext.DefaultPrincipal"/>.</summary>
    protected static string Principal => ActorRequestContext.Principal ?? ActorRequestContext.DefaultPrincipal;

    private IJournalStore Store => _services.Store;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Not the base's load: a journal that cannot be read now must fail the call that needs it with a 503, and leave
        // the activation able to load on the next call, instead of failing the activation itself.
        ActorsTelemetry.Activations.Add(1, new KeyValuePair<string, object?>(ActorsTelemetry.Tags.ActorType, Descriptor.Name));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        ActorsTelemetry.Deactivations.Add(1, new KeyValuePair<string, object?>(ActorsTelemetry.Tags.ActorType, Descriptor.Name));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected sealed override void TransitionState(ActorView<TState> state, MutationSet @event) => _rules.Format.Apply(state, @event);

    /// <inheritdoc />
    protected override void OnStateChanged()
    {
        var waiting = _versionChanged;
        _versionChanged = null;
        waiting?.TrySetResult();
    }

    /// <inheritdoc />
    public async Task<long> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync();
        return Version;
    }

    /// <inheritdoc />
    public async Task<long> WaitForVersionAsync(long version, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!_ready)
        {
            // Not loaded yet, and loading here could race a turn that appends (this call interleaves with them): ask the
            // journal instead. A turn that loads the state later signals the wait below.
            var stored = await Store.GetVersionAsync(Key, cancellationToken);
            if (stored > version)
            {
                return stored;
            }
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (Version <= version)
            {
                _versionChanged ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await _versionChanged.Task.WaitAsync(deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The wait is over; the caller looks at the version and asks again.
        }

        return _ready ? Version : await Store.GetVersionAsync(Key, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MutationSetRecord>> ReadMutationSetsAsync(long fromVersion, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromVersion, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return await Store.ReadAsync(Key, fromVersion - 1, long.MaxValue, limit, cancellationToken);
    }

    /// <summary>Loads the state on the first call, and again after an append whose outcome the journal alone knows.</summary>
    private async Task EnsureReadyAsync()
    {
        if (!_ready)
        {
            await RefreshNow();
            _ready = true;
        }
    }

    // The provider asks the grain how its entries and views map to journal rows; the type's rules answer.
    AppendRequest IJournalFormat<ActorView<TState>, MutationSet>.ToAppend(ActorKey actor, long version, MutationSet entry) => _rules.Format.ToAppend(actor, version, entry);

    int IJournalFormat<ActorView<TState>, MutationSet>.EventCount(MutationSet entry) => _rules.Format.EventCount(entry);

    MutationSet IJournalFormat<ActorView<TState>, MutationSet>.FromJournal(MutationSetRecord set) => _rules.Format.FromJournal(set);

    string IJournalFormat<ActorView<TState>, MutationSet>.ToSnapshot(ActorView<TState> view) => _rules.Format.ToSnapshot(view);

    ActorView<TState> IJournalFormat<ActorView<TState>, MutationSet>.FromSnapshot(SnapshotRecord snapshot, MutationSetRecord? snapshotSet) => _rules.Format.FromSnapshot(snapshot, snapshotSet);

    ActorView<TState> IJournalFormat<ActorView<TState>, MutationSet>.Copy(ActorView<TState> view) => _rules.Format.Copy(view);
}
