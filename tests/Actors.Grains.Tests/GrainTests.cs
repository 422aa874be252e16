using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Actors.Runtime.Hosting;

namespace Actors.Grains.Tests;

/// <summary>Sends batches to the grains through the runtime and checks what they answer and what they leave behind.</summary>
public abstract class GrainTests(GrainFixture fixture) : IClassFixture<GrainFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected GrainFixture Fixture { get; } = fixture;

    /// <summary>A key no other test uses.</summary>
    protected static ActorKey NewKey(string type) => new(type, Guid.NewGuid().ToString());

    protected static ActorMessage Msg(string type, string body = "{}")
    {
        using var document = JsonDocument.Parse(body);
        return new ActorMessage(type, document.RootElement.Clone());
    }

    protected Task<BatchResult> SendAsync(ActorKey key, params ActorMessage[] messages) =>
        SendAsync(Fixture.Runtime, key, messages);

    protected static Task<BatchResult> SendAsync(ActorRuntime runtime, ActorKey key, params ActorMessage[] messages) =>
        runtime.ExecuteAsync(key, new BatchRequest(messages, "tester"), CancellationToken.None).WaitAsync(Patience);

    /// <summary>The answer of a <c>query</c> with <paramref name="query"/> as its query spec.</summary>
    protected Task<JsonObject> QueryAsync(ActorKey key, string query = "{}") => QueryAsync(Fixture.Runtime, key, query);

    protected static async Task<JsonObject> QueryAsync(ActorRuntime runtime, ActorKey key, string query = "{}")
    {
        var result = await SendAsync(runtime, key, Msg("query", $$"""{"query":{{query}}}"""));
        return result.Results[^1].Result!.AsObject();
    }

    /// <summary>Every scalar field and every edge with all its fields: the whole visible state.</summary>
    protected Task<JsonObject> QueryEverythingAsync(ActorKey key) => QueryEverythingAsync(Fixture.Runtime, key);

    protected static Task<JsonObject> QueryEverythingAsync(ActorRuntime runtime, ActorKey key)
    {
        var edges = runtime.Types.Find(key.Type)!.Edges.Keys.Select(e => $$"""{"edge":"{{e}}"}""");
        return QueryAsync(runtime, key, $$"""{"navigate":[{{string.Join(",", edges)}}]}""");
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

        Assert.True(Fixture.Runtime.DeactivateIdle(TimeSpan.Zero) >= 1, "The actor was not deactivated.");

        AssertJson.Equal(before, await QueryEverythingAsync(key));
    }

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
}
