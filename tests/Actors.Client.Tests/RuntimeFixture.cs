using Actors.Grains;
using Actors.Grains;
using Actors.Runtime.Hosting;
using Actors.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Client.Tests;

/// <summary>The five grains in an <see cref="ActorRuntime"/> of this process over a temporary SQLite journal.</summary>
public sealed class RuntimeFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"actors-client-inproc-{Guid.NewGuid():N}");
    private SqliteJournalStore? _store;

    public ActorRuntime Runtime { get; private set; } = null!;

    /// <summary>The journal the runtime writes, which in-process replays read.</summary>
    public SqliteJournalStore Store => _store!;

    public async Task InitializeAsync()
    {
        _store = new SqliteJournalStore(new SqliteJournalOptions { Path = Path.Combine(_directory, "journal.db") });
        await _store.InitializeAsync(CancellationToken.None);
        Runtime = new ActorRuntime(
            new ActorTypeRegistry(ActorGrains.Types), _store, Options.Create(new ActorRuntimeOptions()), TimeProvider.System, NullLogger<ActorRuntime>.Instance);
    }

    /// <summary>A client acting as <paramref name="principal"/> with its permissions.</summary>
    public ActorsClient Client(TestPrincipal principal) => ActorsClient.InProcess(Runtime, Store, principal.Name, principal.Permissions);

    public async Task DisposeAsync()
    {
        await Runtime.DisposeAsync();
        _store?.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class RuntimeCollection : ICollectionFixture<RuntimeFixture>
{
    public const string Name = "client in-process";
}
