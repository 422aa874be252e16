using Actors.Silo;
using Actors.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Actors.Gateway.Tests;

/// <summary>A real silo listening on a free loopback port, reached over real HTTP.</summary>
public abstract class SiloFixture : IAsyncLifetime
{
    private readonly string _snapshots = Path.Combine(Path.GetTempPath(), $"actors-snapshots-{Guid.NewGuid():N}");
    private WebApplication? _app;

    /// <summary>Which journal store the silo runs on, for test names and messages.</summary>
    public abstract string StoreName { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public WebApplication App => _app ?? throw new InvalidOperationException("The silo is not started.");

    public async Task InitializeAsync()
    {
        var settings = TestTokens.Configuration();
        settings["Actors:Snapshots:Path"] = _snapshots;
        foreach (var (key, value) in await StoreSettingsAsync())
        {
            settings[key] = value;
        }

        _app = SiloHost.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
        Http.BaseAddress = BaseAddress;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Http.Dispose();
        await DisposeStoreAsync();
        if (Directory.Exists(_snapshots))
        {
            Directory.Delete(_snapshots, recursive: true);
        }
    }

    protected abstract Task<IReadOnlyDictionary<string, string?>> StoreSettingsAsync();

    protected abstract Task DisposeStoreAsync();
}

public sealed class SqliteSiloFixture : SiloFixture
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"actors-gateway-{Guid.NewGuid():N}");

    public override string StoreName => "sqlite";

    protected override Task<IReadOnlyDictionary<string, string?>> StoreSettingsAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.FromResult<IReadOnlyDictionary<string, string?>>(
            new Dictionary<string, string?> { ["Actors:Sqlite:Path"] = Path.Combine(_directory, "actors.db") });
    }

    protected override Task DisposeStoreAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class PostgresSiloFixture : SiloFixture
{
    private PostgresTestDatabase? _database;

    public override string StoreName => "postgres";

    protected override async Task<IReadOnlyDictionary<string, string?>> StoreSettingsAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync("actors_gateway");
        return new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = _database.ConnectionString };
    }

    protected override async Task DisposeStoreAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
