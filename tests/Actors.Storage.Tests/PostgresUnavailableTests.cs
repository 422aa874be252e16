using System.Diagnostics;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.Storage.Postgres;
using Npgsql;

namespace Actors.Storage.Tests;

public sealed class PostgresUnavailableTests : IAsyncDisposable
{
    // Nothing listens on port 1; Timeout=2 bounds the connect attempt should the port be filtered instead of refused.
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=postgres;Timeout=2");

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Unreachable_server_is_storage_unavailable_quickly_and_ping_is_false()
    {
        var store = new PostgresJournalStore(_dataSource);
        var actor = new Actors.Abstractions.ActorKey("order", $"t-{Guid.NewGuid():N}");
        var set = new MutationSetRecord(actor, 1, Guid.NewGuid(), DateTimeOffset.UtcNow, "alice", "CREATE", "[]", "{}", null);
        var stopwatch = Stopwatch.StartNew();

        var append = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.AppendAsync(new AppendRequest(set), _timeout.Token));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.GetVersionAsync(actor, _timeout.Token));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.InitializeAsync(_timeout.Token));
        Assert.False(await store.PingAsync(_timeout.Token));

        Assert.NotNull(append.InnerException);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"took {stopwatch.Elapsed}");
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _timeout.Dispose();
    }
}
