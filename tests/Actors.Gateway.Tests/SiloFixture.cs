using Actors.Tests.Shared;
using Microsoft.AspNetCore.Builder;

namespace Actors.Gateway.Tests;

/// <summary>A real silo listening on a free loopback port, reached over real HTTP.</summary>
public abstract class SiloFixture : IAsyncLifetime
{
    private TestSilo? _silo;

    /// <summary>Which journal store the silo runs on, for test names and messages.</summary>
    public abstract string StoreName { get; }

    public HttpClient Http => Silo.Http;

    public Uri BaseAddress => Silo.BaseAddress;

    public WebApplication App => Silo.App;

    /// <summary>The silo's archive directory (Actors:History:ArchivePath), removed at dispose.</summary>
    public string ArchivePath { get; } = Path.Combine(Path.GetTempPath(), $"actors-archive-{Guid.NewGuid():N}");

    private TestSilo Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    public async Task InitializeAsync()
    {
        var settings = TestTokens.Configuration();

        // An archive directory, so compaction can archive (the history lifecycle tests); nothing compacts unless asked.
        settings["Actors:History:ArchivePath"] = ArchivePath;

        // A retention policy for tickets only (a day hot, then the archive); it runs when a test runs it, or hourly.
        settings["Actors:History:Ticket:HotFor"] = "1.00:00:00";
        foreach (var (key, value) in await StoreSettingsAsync())
        {
            settings[key] = value;
        }

        _silo = await TestSilo.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        await DisposeStoreAsync();
        if (Directory.Exists(ArchivePath))
        {
            Directory.Delete(ArchivePath, recursive: true);
        }
    }

    protected abstract Task<IReadOnlyDictionary<string, string?>> StoreSettingsAsync();

    protected abstract Task DisposeStoreAsync();
}

public sealed class SqliteSiloFixture : SiloFixture
{
    public override string StoreName => "sqlite";

    protected override Task<IReadOnlyDictionary<string, string?>> StoreSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());

    protected override Task DisposeStoreAsync() => Task.CompletedTask;
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
