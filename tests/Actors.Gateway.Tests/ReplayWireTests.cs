using System.Net.Http.Headers;

namespace Actors.Gateway.Tests;

/// <summary>The replay stream's bytes, as any SSE client reads them: events written by SseFormatter, comments while idle.</summary>
[Collection(SqliteSiloCollection.Name)]
public sealed class ReplayWireTests(SqliteSiloFixture silo)
{
    [Fact]
    public async Task Each_mutation_set_is_an_event_with_its_version_as_id_and_an_idle_follower_gets_keep_alive_comments()
    {
        var id = $"wire-{Guid.NewGuid():N}";
        (await new ActorsClient(silo.Http).BatchAsync("order", id, """[{"type":"create","body":{"currency":"SEK"}}]""")).Ok();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/resources/actors/order/{id}/replay?follow=true");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Admin);
        using var response = await silo.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));

        var first = new[] { await lines.ReadLineAsync(cancel.Token), await lines.ReadLineAsync(cancel.Token), await lines.ReadLineAsync(cancel.Token), await lines.ReadLineAsync(cancel.Token) };
        var comment = await lines.ReadLineAsync(cancel.Token);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("event: mutation", first[0]);
        Assert.StartsWith("data: {\"checkpointId\":", first[1], StringComparison.Ordinal);
        Assert.Equal("id: 1", first[2]);
        Assert.Equal(string.Empty, first[3]);
        Assert.Equal(": waiting", comment);
    }
}
