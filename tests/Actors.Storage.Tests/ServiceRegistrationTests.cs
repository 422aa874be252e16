using Actors.Abstractions.Storage;
using Actors.Storage.Postgres;
using Actors.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

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
        Assert.Same(provider.GetRequiredService<NpgsqlDataSource>(), provider.GetRequiredService<NpgsqlDataSource>());
        Assert.True(await store.PingAsync(_timeout.Token));
    }
}
