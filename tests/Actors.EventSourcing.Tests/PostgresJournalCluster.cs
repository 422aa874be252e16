using Actors.Abstractions.Storage;
using Actors.Storage.Postgres;
using Actors.Tests.Shared;
using Npgsql;

namespace Actors.EventSourcing.Tests;

/// <summary>
/// The cluster on a throwaway PostgreSQL database (<c>ACTORS_TEST_POSTGRES</c>). The silo reaches it through a
/// <see cref="TcpProxy"/>, with the connection settings a real silo gets, so an outage is a cut network; the direct
/// store connects to the server itself.
/// </summary>
public sealed class PostgresJournalCluster : JournalCluster
{
    private PostgresTestDatabase? _database;
    private TcpProxy? _proxy;
    private NpgsqlDataSource? _siloSource;
    private NpgsqlDataSource? _directSource;
    private PostgresJournalStore? _siloStore;
    private PostgresJournalStore? _directStore;

    /// <summary>Cuts every connection between the silo and PostgreSQL and refuses new ones.</summary>
    public override IDisposable CutJournal()
    {
        var proxy = _proxy!;
        proxy.Stop();
        return new Outage(proxy.Resume);
    }

    protected override async Task<(IJournalStore Silo, IJournalStore Direct)> OpenStoresAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync("actors_provider");
        var server = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        _proxy = new TcpProxy(server.Host!, server.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Host = "127.0.0.1", Port = _proxy.Port };
        _siloSource = NpgsqlDataSource.Create(PostgresConnectionDefaults.Apply(throughProxy.ConnectionString));
        _directSource = NpgsqlDataSource.Create(_database.ConnectionString);
        _siloStore = new PostgresJournalStore(_siloSource);
        _directStore = new PostgresJournalStore(_directSource);
        return (_siloStore, _directStore);
    }

    protected override async Task CloseStoresAsync()
    {
        foreach (var store in new[] { _siloStore, _directStore })
        {
            if (store is not null)
            {
                await store.DisposeAsync();
            }
        }

        foreach (var source in new[] { _siloSource, _directSource })
        {
            if (source is not null)
            {
                await source.DisposeAsync();
            }
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
}
