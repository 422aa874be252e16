using System.Net;
using Actors.Tests.Shared;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Actors.Gateway.Tests;

/// <summary>PostgreSQL goes away under a running silo: 503 with Retry-After, not ready, and back by itself.</summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private PostgresTestDatabase? _database;
    private TcpProxy? _proxy;
    private TestSilo? _silo;
    private ActorsClient _api = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync("actors_outage");
        var server = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        _proxy = new TcpProxy(server.Host!, server.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Host = "127.0.0.1", Port = _proxy.Port, Timeout = 3 };
        var settings = TestTokens.Configuration();
        settings["ConnectionStrings:Postgres"] = throughProxy.ConnectionString;
        _silo = await TestSilo.StartAsync(settings, LogLevel.Critical);
        _api = new ActorsClient(_silo.Http);
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_outage_answers_503_with_retry_after_and_the_silo_recovers_by_itself()
    {
        (await _api.BatchAsync("order", "o1", """[{"type":"create","body":{"currency":"SEK"}}]""")).Ok();

        _proxy!.Stop();
        var write = await _api.BatchAsync("order", "o1", """[{"type":"addTag","body":{"key":"during-outage"}}]""");
        var activation = await _api.BatchAsync("order", "never-seen", """[{"type":"query"}]""");
        var snapshot = await _api.GetAsync($"/resources/snapshots/snap-{Guid.NewGuid():N}");
        var ready = await _api.GetAsync("/health/ready", null);

        Assert.False(string.IsNullOrEmpty(write.Problem(HttpStatusCode.ServiceUnavailable)["detail"]?.ToString()));
        Assert.NotNull(write.RetryAfter);
        activation.Problem(HttpStatusCode.ServiceUnavailable);
        snapshot.Problem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);

        _proxy.Resume();
        ApiResponse? recovered = null;
        for (var attempt = 0; attempt < 20 && recovered?.Status != HttpStatusCode.OK; attempt++)
        {
            // Connections the outage broke are found out one request at a time; each such answer must still be a 503.
            recovered = await _api.BatchAsync("order", "o1", """[{"type":"addTag","body":{"key":"after-outage"}}]""");
            if (recovered.Status != HttpStatusCode.OK)
            {
                recovered.Problem(HttpStatusCode.ServiceUnavailable);
            }
        }

        recovered!.Ok();
        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync("/health/ready", null)).Status);
        var tags = (await _api.QueryAsync("order", "o1"))["tags"]!.AsArray().Select(t => (string)t!);
        Assert.Equal(["after-outage"], tags);
        Assert.Equal(2, (await _api.CheckpointsAsync("order", "o1")).Count);
    }
}
