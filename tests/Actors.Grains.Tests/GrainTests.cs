using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Actors.Abstractions.Storage;
using Actors.Grains.Tests.Hosting;

namespace Actors.Grains.Tests;

/// <summary>
/// Sends batches to the grains of a shared test cluster and checks what they answer and what they leave in the journal.
/// A behaviour test class derives from this once and runs on both journals through its nested <c>OnSqlite</c> and
/// <c>OnPostgres</c> classes.
/// </summary>
public abstract class GrainTests(GrainCluster cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The clusters and the journal this test runs on.</summary>
    protected GrainCluster Fixture { get; } = cluster;

    /// <summary>The journal the grains append to.</summary>
    protected IJournalStore Store => Fixture.Store;

    /// <summary>A key no other test uses.</summary>
    protected static ActorKey NewKey(string type) => new(type, Guid.NewGuid().ToString());

    protected static ActorMessage Msg(string type, string body = "{}")
    {
        using var document = JsonDocument.Parse(body);
        return new ActorMessage(type, document.RootElement.Clone());
    }

    /// <summary>The grain of <paramref name="key"/> as <paramref name="grains"/> (by default the cluster's client) reach it.</summary>
    protected IActorGrain Grain(ActorKey key, IGrainFactory? grains = null) =>
        (grains ?? Fixture.Grains).GetActor(key.Type, key.Id);

    /// <summary>The typed grain of an actor: <c>TypedGrain&lt;IOrderActor&gt;(key)</c>.</summary>
    protected TGrain TypedGrain<TGrain>(ActorKey key)
        where TGrain : IActorGrain =>
        Fixture.Grains.GetGrain<TGrain>(GrainId.Create(key.Type, key.Id));

    protected Task<BatchResult> SendAsync(ActorKey key, params ActorMessage[] messages) => SendAsync(Fixture.Grains, key, messages);

    protected Task<BatchResult> SendAsync(IGrainFactory grains, ActorKey key, params ActorMessage[] messages) =>
        Grain(key, grains).ExecuteAsync(new BatchRequest(messages, "tester")).WaitAsync(Patience);

    /// <summary>Makes the calls of this test record <paramref name="principal"/> (<see cref="ActorRequestContext.Principal"/>) until disposed.</summary>
    protected static IDisposable ActingAs(string principal)
    {
        ActorRequestContext.Principal = principal;
        return new PrincipalScope();
    }

    /// <summary>The answer of a <c>query</c> with <paramref name="query"/> as its query spec.</summary>
    protected Task<JsonObject> QueryAsync(ActorKey key, string query = "{}") => QueryAsync(Fixture.Grains, key, query);

    protected async Task<JsonObject> QueryAsync(IGrainFactory grains, ActorKey key, string query = "{}")
    {
        var result = await SendAsync(grains, key, Msg("query", $$"""{"query":{{query}}}"""));
        return result.Results[^1].Result!.AsObject();
    }

    /// <summary>Every scalar field and every edge with all its fields: the whole visible state.</summary>
    protected Task<JsonObject> QueryEverythingAsync(ActorKey key) => QueryEverythingAsync(Fixture.Grains, key);

    protected Task<JsonObject> QueryEverythingAsync(IGrainFactory grains, ActorKey key)
    {
        var edges = ActorTypes.All.Find(key.Type)!.Edges.Keys.Select(e => $$"""{"edge":"{{e}}"}""");
        return QueryAsync(grains, key, $$"""{"navigate":[{{string.Join(",", edges)}}]}""");
    }

    /// <summary>
    /// Sends a batch whose last message must be refused with <paramref name="kind"/>, and checks that the
    /// batch left nothing behind: same version and same state as before (or still no actor at all).
    /// </summary>
    protected async Task<MessageFailedException> RefusedAsync(ActorKey key, ActorErrorKind kind, params ActorMessage[] messages)
    {
        var before = await StateOrNullAsync(key);

        var refusal = await Assert.ThrowsAsync<MessageFailedException>(() => SendAsync(key, messages));

        Assert.Equal(kind, refusal.Kind);
        Assert.Equal(messages.Length - 1, refusal.MessageIndex);
        Assert.Equal(messages[^1].Type, refusal.MessageType);
        var after = await StateOrNullAsync(key);
        AssertJson.Equal(before, after);
        return refusal;
    }

    /// <summary>Checks that the events of <paramref name="key"/> rebuild the same state in a fresh activation.</summary>
    protected async Task AssertReplaysAsync(ActorKey key)
    {
        var before = await QueryEverythingAsync(key);

        await DeactivateAsync(key);

        AssertJson.Equal(before, await QueryEverythingAsync(key));
    }

    /// <summary>Deactivates the actor's activation, wherever in the cluster it is, and checks that none is left.</summary>
    protected async Task DeactivateAsync(ActorKey key)
    {
        var grain = Grain(key);
        await Fixture.Cluster.DeactivateAsync(grain).WaitAsync(Patience);
        Assert.True(await ActivationsAsync(key) == 0, "The actor was not deactivated.");
    }

    /// <summary>How many activations of the actor the cluster has.</summary>
    protected Task<int> ActivationsAsync(ActorKey key) =>
        Fixture.Grains.GetGrain<IManagementGrain>(0).GetGrainActivationCount((GrainReference)Grain(key)).WaitAsync(Patience);

    private async Task<JsonObject?> StateOrNullAsync(ActorKey key)
    {
        try
        {
            return await QueryEverythingAsync(key);
        }
        catch (MessageFailedException e) when (e.Kind == ActorErrorKind.NotFound)
        {
            return null;
        }
    }

    private sealed class PrincipalScope : IDisposable
    {
        public void Dispose() => ActorRequestContext.Principal = null;
    }
}
