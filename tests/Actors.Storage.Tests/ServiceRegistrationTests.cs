using Actors.Abstractions.Storage;
using Actors.Storage.Postgres;
using Actors.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Messaging;

namespace Actors.Storage.Tests;

public sealed class ServiceRegistrationTests
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task AddSqliteJournal_registers_one_store_on_the_path()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"actors-sqlite-{Guid.NewGuid():N}");
        try
        {
            await using (var provider = new ServiceCollection().AddSqliteJournal(Path.Combine(directory, "journal.db")).BuildServiceProvider())
            {
                var store = provider.GetRequiredService<IJournalStore>();
                Assert.Same(provider.GetRequiredService<SqliteJournalStore>(), store);
                Assert.Same(store, provider.GetRequiredService<IJournalStore>());
                Assert.Same(store, provider.GetRequiredService<IGrainStateStore>());
                Assert.Same(store, provider.GetRequiredService<IReminderStore>());
                Assert.Same(store, provider.GetRequiredService<ISnapshotDataStore>());

                await store.InitializeAsync(_timeout.Token);
                Assert.True(await store.PingAsync(_timeout.Token));
            }

            Assert.True(File.Exists(Path.Combine(directory, "journal.db")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task AddPostgresJournal_registers_one_data_source_and_store()
    {
        await using var provider = new ServiceCollection().AddPostgresJournal(PostgresDatabaseFixture.Server).BuildServiceProvider();

        var store = provider.GetRequiredService<IJournalStore>();

        Assert.IsType<PostgresJournalStore>(store);
        Assert.Same(store, provider.GetRequiredService<IGrainStateStore>());
        Assert.Same(store, provider.GetRequiredService<IReminderStore>());
        Assert.Same(store, provider.GetRequiredService<ISnapshotDataStore>());
        Assert.Same(provider.GetRequiredService<NpgsqlDataSource>(), provider.GetRequiredService<NpgsqlDataSource>());
        Assert.True(await store.PingAsync(_timeout.Token));
    }

    [Fact]
    public void UsePostgresClustering_registers_the_membership_table_on_the_journals_data_source()
    {
        using var silo = BuildSilo([]);

        Assert.IsType<PostgresMembershipTable>(silo.Services.GetRequiredService<IMembershipTable>());
        Assert.IsType<PostgresGatewayListProvider>(silo.Services.GetRequiredService<IGatewayListProvider>());
    }

    [Fact]
    public void UsePostgresClustering_declares_a_silo_dead_fast_unless_configuration_says_otherwise()
    {
        using var defaults = BuildSilo([]);
        using var configured = BuildSilo(new()
        {
            ["Orleans:Membership:ProbeTimeout"] = "00:00:05",
            ["Orleans:Membership:NumVotesForDeathDeclaration"] = "2",
        });

        var fast = defaults.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(1), fast.ProbeTimeout);
        Assert.Equal(2, fast.NumMissedProbesLimit);
        Assert.Equal(1, fast.NumVotesForDeathDeclaration);
        var overridden = configured.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(5), overridden.ProbeTimeout);
        Assert.Equal(2, overridden.NumMissedProbesLimit);
        Assert.Equal(2, overridden.NumVotesForDeathDeclaration);
    }

    /// <summary>A silo host built (not started) with PostgreSQL clustering and <paramref name="settings"/>.</summary>
    private static IHost BuildSilo(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddPostgresJournal(PostgresDatabaseFixture.Server);
        builder.UseOrleans(silo => silo.UsePostgresClustering());
        return builder.Build();
    }
}
