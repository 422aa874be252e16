using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Tests.Shared;

namespace Actors.Console.Tests;

/// <summary>A real silo on a throwaway SQLite file, listening on a free loopback port; actors are seeded over HTTP.</summary>
public sealed class ConsoleSiloFixture : IAsyncLifetime
{
    private TestSilo? _silo;

    public HttpClient Http => Silo.Http;

    public Uri BaseAddress => Silo.BaseAddress;

    private TestSilo Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    /// <summary>The console's address on this silo, optionally opening <paramref name="type"/>/<paramref name="id"/>.</summary>
    public string ConsoleUrl(string? type = null, string? id = null) =>
        type is null ? new Uri(BaseAddress, "/console").ToString() : new Uri(BaseAddress, $"/console#/{type}/{Uri.EscapeDataString(id!)}").ToString();

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(ConsoleTokens.Configuration());

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    /// <summary>Posts a batch and answers the status and parsed body, whatever the status.</summary>
    public async Task<(int Status, JsonNode? Body)> PostAsync(string type, string id, string batch, string token = ConsoleTokens.Admin, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/resources/actors/{type}/{id}{query}")
        {
            Content = new StringContent(batch, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, raw.Length == 0 ? null : JsonNode.Parse(raw));
    }

    /// <summary>Seeds one checkpoint per batch as the admin, asserting each is accepted.</summary>
    public async Task SeedAsync(string type, string id, params string[] batches)
    {
        foreach (var batch in batches)
        {
            var (status, body) = await PostAsync(type, id, batch);
            Assert.True(status == 200, $"Seeding {type}/{id} with {batch} answered {status}: {body?.ToJsonString()}");
        }
    }

    /// <summary>Every checkpoint of the actor, as the admin sees them.</summary>
    public async Task<JsonArray> CheckpointsAsync(string type, string id)
    {
        var (status, body) = await PostAsync(type, id, """[{"type":"getCheckpoints","body":{}}]""");
        Assert.Equal(200, status);
        return body!.AsArray();
    }
}
