using System.Net;
using Actors.Silo;
using Actors.Tests.Shared;
using Microsoft.Extensions.Configuration;

namespace Actors.Gateway.Tests;

/// <summary>Which tokens a silo accepts, by store and environment, and when it refuses to start.</summary>
public sealed class SiloStartupTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"actors-startup-{Guid.NewGuid():N}");
    private PostgresTestDatabase? _database;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_embedded_store_without_tokens_accepts_the_three_development_tokens()
    {
        await using var silo = await StartAsync("Production", new() { ["Actors:Sqlite:Path"] = Path.Combine(_directory, "dev.db") });
        var api = new ActorsClient(silo.Http);

        (await api.BatchAsync("order", "o1", """[{"type":"create","body":{"currency":"SEK"}},{"type":"addTag","body":{"key":"vip"}}]""", "dev-admin")).Ok();
        (await api.BatchAsync("order", "o1", """[{"type":"rewind","body":{"version":1}},{"type":"query"}]""", "dev-support", "?preview")).Ok();
        (await api.BatchAsync("order", "o1", """[{"type":"rewind","body":{"version":1}}]""", "dev-support")).Problem(HttpStatusCode.Forbidden);
        (await api.BatchAsync("order", "o1", """[{"type":"query"}]""", "dev-reader")).Ok();
        (await api.BatchAsync("order", "o1", """[{"type":"addTag","body":{"key":"x"}}]""", "dev-reader")).Problem(HttpStatusCode.Forbidden);
        (await api.BatchAsync("order", "o1", """[{"type":"rewind","body":{"version":1}}]""", "dev-admin")).Ok();
    }

    [Fact]
    public async Task An_agent_reaches_mcp_of_a_silo_started_as_the_README_says_with_the_development_tokens()
    {
        await using var silo = await StartAsync("Production", new() { ["Actors:Sqlite:Path"] = Path.Combine(_directory, "agents.db") });
        await using var admin = await McpAgent.ConnectAsync(silo.BaseAddress, "dev-admin");
        await using var support = await McpAgent.ConnectAsync(silo.BaseAddress, "dev-support");
        var api = new ActorsClient(silo.Http);
        (await api.BatchAsync("order", "ord-1001", """[{"type":"create","body":{"orderNumber":"1001","currency":"SEK"}}]""", "dev-admin")).Ok();
        (await api.BatchAsync("order", "ord-1001", """[{"type":"addTag","body":{"key":"priority"}}]""", "dev-admin")).Ok();

        Assert.Contains("rewind", (await admin.ToolsAsync()).Select(t => t.Name));
        Assert.DoesNotContain("rewind", (await support.ToolsAsync()).Select(t => t.Name));
        var preview = (await support.CallAsync("preview", new { type = "order", id = "ord-1001", messages = System.Text.Json.Nodes.JsonNode.Parse("""[{"type":"rewind","body":{"version":1}},{"type":"query"}]""") })).Ok()!;
        Assert.Empty(preview["results"]![1]!["result"]!["tags"]!.AsArray());
        (await support.CallAsync("rewind", new { type = "order", id = "ord-1001", to = "1", reason = "try" })).Problem(403);
        Assert.Equal("priority", (string?)(await admin.CallAsync("fetch", new { type = "order", id = "ord-1001" })).Ok()!["tags"]![0]);
    }

    [Fact]
    public async Task The_embedded_store_archives_beside_its_file_so_a_compaction_keeps_history_readable()
    {
        await using var silo = await StartAsync("Production", new() { ["Actors:Sqlite:Path"] = Path.Combine(_directory, "archived.db") });
        var api = new ActorsClient(silo.Http);
        (await api.BatchAsync("order", "o1", """[{"type":"create","body":{"currency":"SEK"}}]""", "dev-admin")).Ok();
        (await api.BatchAsync("order", "o1", """[{"type":"addTag","body":{"key":"vip"}}]""", "dev-admin")).Ok();

        // No tier asked for and no archive configured: the embedded store's default archive, not a pruning.
        var before = DateTimeOffset.UtcNow.AddMinutes(1).UtcDateTime.ToString("O");
        var started = await api.PostAsync("/resources/history/compact", $$"""{"actorType":"order","before":"{{before}}","reason":"startup test"}""", "dev-admin");
        Assert.True(started.Status == HttpStatusCode.Accepted, started.Raw);
        var status = (await api.GetAsync($"/resources/history/compactions/{started.Json["jobId"]}?waitSeconds=30", "dev-admin")).Ok()!;
        Assert.Equal(("completed", "archive"), ((string?)status["status"], (string?)status["tier"]));

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_directory, "archive"), "*.parquet", SearchOption.AllDirectories));
        var first = await api.BatchAsync("order", "o1", """[{"type":"getState","body":{"version":1}}]""", "dev-admin");
        Assert.Equal("archive", first.Header("Actors-History-Tier"));
        Assert.Equal("SEK", (string?)first.Ok()!["currency"]);
    }

    [Fact]
    public async Task Configured_tokens_switch_the_development_tokens_off()
    {
        var settings = TestTokens.Configuration();
        settings["Actors:Sqlite:Path"] = Path.Combine(_directory, "configured.db");
        await using var silo = await StartAsync("Production", settings);
        var api = new ActorsClient(silo.Http);

        (await api.BatchAsync("order", "o1", """[{"type":"create","body":{"currency":"SEK"}}]""", "dev-admin")).Problem(HttpStatusCode.Unauthorized);
        (await api.BatchAsync("order", "o1", """[{"type":"create","body":{"currency":"SEK"}}]""", TestTokens.Admin)).Ok();
    }

    [Fact]
    public async Task PostgreSQL_without_tokens_refuses_to_start_outside_development()
    {
        _database = await PostgresTestDatabase.CreateAsync("actors_startup");

        var refusal = Assert.Throws<SiloConfigurationException>(() =>
            SiloHost.Build(["--urls", "http://127.0.0.1:0", "--environment", "Production"], b =>
                b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = _database.ConnectionString })));

        Assert.Contains("Actors:Auth:Tokens", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_ENVIRONMENT=Development", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgreSQL_without_tokens_in_development_accepts_the_development_tokens()
    {
        _database = await PostgresTestDatabase.CreateAsync("actors_startup");
        await using var silo = await StartAsync("Development", new() { ["ConnectionStrings:Postgres"] = _database.ConnectionString });
        var api = new ActorsClient(silo.Http);

        (await api.BatchAsync("sku", "s1", """[{"type":"create","body":{"skuNumber":"1","name":"n","price":1,"currency":"EUR"}}]""", "dev-admin")).Ok();
    }

    [Fact]
    public void A_malformed_permission_refuses_to_start()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Actors:Sqlite:Path"] = Path.Combine(_directory, "bad.db"),
            ["Actors:Auth:Tokens:0:Token"] = "a-long-enough-token",
            ["Actors:Auth:Tokens:0:Principal"] = "p",
            ["Actors:Auth:Tokens:0:Permissions:0"] = "orders:everything",
        };

        var app = SiloHost.Build(["--urls", "http://127.0.0.1:0"], b => b.Configuration.AddInMemoryCollection(settings));

        Assert.ThrowsAny<Exception>(() => app.StartAsync().GetAwaiter().GetResult());
    }

    private static Task<TestSilo> StartAsync(string environment, Dictionary<string, string?> settings) =>
        TestSilo.StartAsync(settings, environment: environment);
}
