using Actors.Grains;
using Actors.Runtime.Hosting;
using Actors.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Tests;

/// <summary>
/// The five grains hosted by the real runtime over a SQLite journal in a fresh temporary file, one per test class.
/// <see cref="SnapshottingRuntime"/> shares the journal but writes a state snapshot with every checkpoint, so an
/// actor it wrote loads in <see cref="Runtime"/> from its snapshot instead of from its events.
/// </summary>
public sealed class GrainFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"actors-grains-{Guid.NewGuid():N}");

    public SqliteJournalStore Store { get; private set; } = null!;

    public ActorRuntime Runtime { get; private set; } = null!;

    public ActorRuntime SnapshottingRuntime { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = new SqliteJournalStore(new SqliteJournalOptions { Path = Path.Combine(_directory, "journal.db") });
        await Store.InitializeAsync(CancellationToken.None);
        Runtime = NewRuntime(new ActorRuntimeOptions());
        SnapshottingRuntime = NewRuntime(new ActorRuntimeOptions { SnapshotInterval = 1 });
    }

    public async Task DisposeAsync()
    {
        await Runtime.DisposeAsync();
        await SnapshottingRuntime.DisposeAsync();
        Store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private ActorRuntime NewRuntime(ActorRuntimeOptions options) =>
        new(new ActorTypeRegistry(ActorGrains.Types), Store, Options.Create(options), TimeProvider.System, NullLogger<ActorRuntime>.Instance);
}
