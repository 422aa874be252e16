using Actors.Tests.Shared;

namespace Actors.Gateway.Tests;

/// <summary>
/// Two real silos, A and B, on one PostgreSQL database and one cluster id: one Orleans cluster whose membership lives in
/// that database, each silo with its own HTTP gateway. Snapshot jobs write a page of one actor at a time, so a job over a
/// few hundred actors is still running when a test stops its silo.
/// </summary>
public sealed class TwoSiloFixture : IAsyncLifetime
{
    private readonly string _clusterId = $"two-silos-{Guid.NewGuid():N}";
    private PostgresTestDatabase? _database;

    public TestSilo A { get; private set; } = null!;

    public TestSilo B { get; private set; } = null!;

    /// <summary>The cluster's archive directory, removed at dispose.</summary>
    public string ArchivePath { get; } = Path.Combine(Path.GetTempPath(), $"actors-two-silos-archive-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync("actors_two_silos");
        A = await StartSiloAsync();
        B = await StartSiloAsync();
    }

    /// <summary>Starts another silo of the cluster; the caller disposes it.</summary>
    public Task<TestSilo> StartSiloAsync()
    {
        var settings = TestTokens.Configuration();
        settings["ConnectionStrings:Postgres"] = _database!.ConnectionString;
        settings["Orleans:ClusterId"] = _clusterId;
        settings["Actors:Snapshots:PageSize"] = "1";

        // One archive directory for the cluster (as a shared file system would be), and compaction jobs of one actor a step.
        settings["Actors:History:ArchivePath"] = ArchivePath;
        settings["Actors:History:PageSize"] = "1";
        return TestSilo.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in new[] { B, A })
        {
            if (silo is not null)
            {
                await silo.DisposeAsync();
            }
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (Directory.Exists(ArchivePath))
        {
            Directory.Delete(ArchivePath, recursive: true);
        }
    }
}
