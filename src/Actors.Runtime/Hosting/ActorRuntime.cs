using System.Collections.Concurrent;
using Actors.Runtime.Entities;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Actors.Abstractions.Storage;
using Actors.Runtime.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Hosting;

/// <summary>
/// Virtual actors: an actor is activated on its first call, runs one turn at a time, and is
/// deactivated when idle. Different actors run in parallel.
/// </summary>
public sealed class ActorRuntime : IAsyncDisposable
{
    private readonly ConcurrentDictionary<ActorKey, Activation> _activations = new();
    private readonly ActorTypeRegistry _types;
    private readonly IJournalStore _store;
    private readonly ActorRuntimeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ActorRuntime> _logger;
    private readonly ITimer _collector;
    private readonly CommitNotifier _notifier;

    public ActorRuntime(
        ActorTypeRegistry types,
        IJournalStore store,
        IOptions<ActorRuntimeOptions> options,
        TimeProvider time,
        ILogger<ActorRuntime> logger,
        CommitNotifier? notifier = null)
    {
        _notifier = notifier ?? new CommitNotifier();
        _types = types;
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _collector = time.CreateTimer(_ => DeactivateIdle(), null, _options.CollectionInterval, _options.CollectionInterval);
    }

    /// <summary>The actor types this runtime hosts.</summary>
    public ActorTypeRegistry Types => _types;

    /// <summary>How many actors are activated now.</summary>
    public int ActivationCount => _activations.Count;

    /// <summary>Runs a batch in one turn of the addressed actor, activating it first when needed.</summary>
    /// <exception cref="ActorException">NotFound when the actor type is unknown; any refusal of the batch.</exception>
    public async Task<BatchResult> ExecuteAsync(ActorKey key, BatchRequest request, CancellationToken cancellationToken)
    {
        var descriptor = _types.Find(key.Type) ?? throw ActorException.NotFound($"Unknown actor type '{key.Type}'.");
        if (!ActorKey.IsValidId(key.Id))
        {
            throw ActorException.Invalid($"Invalid actor id: an id is 1-{ActorKey.MaxIdLength} characters of A-Z a-z 0-9 - _ . :");
        }

        while (true)
        {
            var activation = _activations.GetOrAdd(key, k => new Activation(k, descriptor.CreateActor(), _time.GetTimestamp()));
            await activation.Gate.WaitAsync(cancellationToken);
            try
            {
                if (activation.IsDeactivated)
                {
                    continue;
                }

                if (!activation.Actor.IsActivated)
                {
                    await activation.Actor.ActivateAsync(Context(key), CancellationToken.None);
                    ActorsTelemetry.Activations.Add(1, new KeyValuePair<string, object?>(ActorsTelemetry.Tags.ActorType, key.Type));
                }

                // The turn itself is not cancelled by the caller: an append abandoned half-way would leave
                // the caller unsure whether it committed. The store's own timeouts bound it.
                return await RunTurnAsync(key, activation.Actor, request);
            }
            finally
            {
                activation.Touch(_time.GetTimestamp());
                activation.Gate.Release();
            }
        }
    }

    /// <summary>Signals commits to followers of an actor's replay stream.</summary>
    public CommitNotifier Notifier => _notifier;

    /// <summary>
    /// The state of an actor after mutation set <paramref name="version"/> (as a query answers it; null before it
    /// existed), rebuilt from the journal without activating the actor.
    /// </summary>
    public Task<System.Text.Json.Nodes.JsonObject?> ReadStateAsync(ActorKey key, long version, CancellationToken cancellationToken)
    {
        var descriptor = _types.Find(key.Type) ?? throw ActorException.NotFound($"Unknown actor type '{key.Type}'.");
        var reader = descriptor.CreateActor();
        reader.Attach(Context(key));
        return reader.ReadStateAsync(version, cancellationToken);
    }

    /// <summary>Deactivates every activation idle for longer than the configured timeout; returns how many.</summary>
    public int DeactivateIdle() => DeactivateIdle(_options.IdleTimeout);

    private async Task<BatchResult> RunTurnAsync(ActorKey key, ActorBase actor, BatchRequest request)
    {
        using var span = ActorsTelemetry.Source.StartActivity("actors.turn");
        span?.SetTag(ActorsTelemetry.Tags.ActorType, key.Type);
        span?.SetTag(ActorsTelemetry.Tags.ActorId, key.Id);
        span?.SetTag(ActorsTelemetry.Tags.BatchSize, request.Messages.Count);
        span?.SetTag(ActorsTelemetry.Tags.Preview, request.Preview);
        var started = _time.GetTimestamp();
        var outcome = "error";
        try
        {
            var result = await actor.ExecuteAsync(request, CancellationToken.None);
            span?.SetTag(ActorsTelemetry.Tags.ActorVersion, result.Version);
            outcome = "ok";
            return result;
        }
        catch (ActorException e)
        {
            outcome = "refused";
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Kind.ToString());
            throw;
        }
        catch (Exception e)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            var type = new KeyValuePair<string, object?>(ActorsTelemetry.Tags.ActorType, key.Type);
            ActorsTelemetry.TurnDuration.Record(_time.GetElapsedTime(started).TotalMilliseconds, type);
            ActorsTelemetry.Batches.Add(1, type, new(ActorsTelemetry.Tags.Preview, request.Preview), new(ActorsTelemetry.Tags.Outcome, outcome));
            if (request.Preview)
            {
                ActorsTelemetry.Previews.Add(1, type);
            }
        }
    }

    /// <summary>Deactivates every activation idle for longer than <paramref name="idleFor"/>; returns how many.</summary>
    public int DeactivateIdle(TimeSpan idleFor)
    {
        var now = _time.GetTimestamp();
        var removed = 0;
        foreach (var (key, activation) in _activations)
        {
            if (_time.GetElapsedTime(activation.LastUsed, now) < idleFor || !activation.Gate.Wait(0))
            {
                continue;
            }

            try
            {
                activation.IsDeactivated = true;
                _activations.TryRemove(new KeyValuePair<ActorKey, Activation>(key, activation));
                ActorsTelemetry.Deactivations.Add(1, new KeyValuePair<string, object?>(ActorsTelemetry.Tags.ActorType, key.Type));
                removed++;
            }
            finally
            {
                activation.Gate.Release();
            }
        }

        if (removed > 0)
        {
            _logger.LogDebug("Deactivated {Count} idle activations", removed);
        }

        return removed;
    }

    public ValueTask DisposeAsync() => _collector.DisposeAsync();

    private ActorContext Context(ActorKey key) => new(key, _store, _options, _time, _notifier);
}
