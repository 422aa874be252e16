using System.Net;
using Actors.Abstractions.Errors;
using Actors.Storage.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Actors.Storage.Tests;

/// <summary>
/// Orleans' membership table contract on PostgreSQL: every write moves the table version under its etag, a stale etag
/// or version is refused with nothing written, and reads are consistent snapshots. Each test uses its own cluster id.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMembershipTableTests(PostgresDatabaseFixture fixture) : IDisposable
{
    private static int s_generation;

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Ct => _timeout.Token;

    [Fact]
    public async Task A_new_cluster_reads_empty_at_version_zero_and_initializing_again_changes_nothing()
    {
        var table = await CreateTableAsync();

        var empty = await table.ReadAllAsync(Ct);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, Ct);
        var again = await table.ReadAllAsync(Ct);

        Assert.Empty(empty.Members);
        Assert.Equal(0, empty.Version.Version);
        Assert.False(string.IsNullOrEmpty(empty.Version.VersionEtag));
        Assert.Equal(empty.Version, again.Version);
    }

    [Fact]
    public async Task Insert_adds_the_row_moves_the_version_and_draws_a_new_etag()
    {
        var table = await CreateTableAsync();
        var before = await table.ReadAllAsync(Ct);
        var entry = NewEntry(SiloStatus.Joining);
        entry.RoleName = "gateway";
        entry.UpdateZone = 3;
        entry.FaultZone = 4;
        entry.SuspectTimes = [Tuple.Create(NewAddress(), Now().AddSeconds(-2)), Tuple.Create(NewAddress(), Now())];

        Assert.True(await table.InsertRowAsync(entry, before.Version.Next(), Ct));

        var after = await table.ReadAllAsync(Ct);
        Assert.Equal(1, after.Version.Version);
        Assert.NotEqual(before.Version.VersionEtag, after.Version.VersionEtag);
        var (read, etag) = Assert.Single(after.Members);
        AssertSameEntry(entry, read);
        Assert.False(string.IsNullOrEmpty(etag));

        var row = await table.ReadRowAsync(entry.SiloAddress, Ct);
        Assert.Equal(after.Version, row.Version);
        Assert.Equal(etag, Assert.Single(row.Members).Item2);
    }

    [Fact]
    public async Task Insert_is_refused_for_an_existing_silo_or_a_moved_version_and_writes_nothing()
    {
        var table = await CreateTableAsync();
        var first = NewEntry(SiloStatus.Joining);
        var stale = (await table.ReadAllAsync(Ct)).Version.Next();
        Assert.True(await table.InsertRowAsync(first, stale, Ct));
        var current = await table.ReadAllAsync(Ct);

        var duplicate = await table.InsertRowAsync(first, current.Version.Next(), Ct);
        var withStaleVersion = await table.InsertRowAsync(NewEntry(SiloStatus.Joining), stale, Ct);
        var withForeignEtag = await table.InsertRowAsync(NewEntry(SiloStatus.Joining), new TableVersion(2, "not-an-etag"), Ct);

        Assert.False(duplicate);
        Assert.False(withStaleVersion);
        Assert.False(withForeignEtag);
        var after = await table.ReadAllAsync(Ct);
        Assert.Equal(current.Version, after.Version);
        Assert.Single(after.Members);
    }

    [Fact]
    public async Task Update_is_refused_with_a_stale_row_etag_or_table_version_and_applied_with_current_ones()
    {
        var table = await CreateTableAsync();
        var entry = NewEntry(SiloStatus.Joining);
        var initial = (await table.ReadAllAsync(Ct)).Version;
        Assert.True(await table.InsertRowAsync(entry, initial.Next(), Ct));
        var read = await table.ReadAllAsync(Ct);
        var etag = read.Members[0].Item2;
        var voter = NewAddress();
        var active = Copy(entry, SiloStatus.Active);
        active.AddSuspector(voter, Now());

        Assert.False(await table.UpdateRowAsync(active, etag, initial.Next(), Ct));
        Assert.True(await table.UpdateRowAsync(active, etag, read.Version.Next(), Ct));
        var updated = await table.ReadAllAsync(Ct);
        var newEtag = updated.Members[0].Item2;
        Assert.False(await table.UpdateRowAsync(Copy(entry, SiloStatus.Dead), etag, updated.Version.Next(), Ct));
        Assert.False(await table.UpdateRowAsync(Copy(entry, SiloStatus.Dead), newEtag, read.Version.Next(), Ct));

        var after = await table.ReadAllAsync(Ct);
        Assert.Equal(2, after.Version.Version);
        Assert.Equal(updated.Version, after.Version);
        Assert.NotEqual(etag, newEtag);
        var (row, rowEtag) = Assert.Single(after.Members);
        Assert.Equal(newEtag, rowEtag);
        AssertSameEntry(active, row);
    }

    [Fact]
    public async Task Update_of_a_silo_without_a_row_is_refused_and_moves_no_version()
    {
        var table = await CreateTableAsync();
        Assert.True(await table.InsertRowAsync(NewEntry(SiloStatus.Active), (await table.ReadAllAsync(Ct)).Version.Next(), Ct));
        var read = await table.ReadAllAsync(Ct);

        var updated = await table.UpdateRowAsync(NewEntry(SiloStatus.Active), read.Members[0].Item2, read.Version.Next(), Ct);

        Assert.False(updated);
        Assert.Equal(read.Version, (await table.ReadAllAsync(Ct)).Version);
    }

    [Fact]
    public async Task Concurrent_writers_from_one_read_version_let_exactly_one_win()
    {
        var table = await CreateTableAsync();
        var version = (await table.ReadAllAsync(Ct)).Version.Next();

        var inserted = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => table.InsertRowAsync(NewEntry(SiloStatus.Joining), version, Ct)));

        Assert.Single(inserted, ok => ok);
        var read = await table.ReadAllAsync(Ct);
        Assert.Single(read.Members);
        var updated = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            table.UpdateRowAsync(Copy(read.Members[0].Item1, SiloStatus.Active), read.Members[0].Item2, read.Version.Next(), Ct)));
        Assert.Single(updated, ok => ok);
        Assert.Equal(2, (await table.ReadAllAsync(Ct)).Version.Version);
    }

    [Fact]
    public async Task Writers_that_reread_after_a_refusal_all_land_once_in_one_order()
    {
        var table = await CreateTableAsync();
        var entry = NewEntry(SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));
        var voters = Enumerable.Range(0, 6).Select(_ => NewAddress()).ToList();

        // Each voter adds its suspicion the way Orleans does: read, change, write under the etags read; refused, read again.
        await Task.WhenAll(voters.Select(async voter =>
        {
            while (true)
            {
                var read = await table.ReadRowAsync(entry.SiloAddress, Ct);
                var suspected = Copy(read.Members[0].Item1, SiloStatus.Active);
                suspected.AddSuspector(voter, Now());
                if (await table.UpdateRowAsync(suspected, read.Members[0].Item2, read.Version.Next(), Ct))
                {
                    return;
                }
            }
        }));

        var after = await table.ReadAllAsync(Ct);
        Assert.Equal(1 + voters.Count, after.Version.Version);
        Assert.Equal(voters.OrderBy(v => v.ToParsableString()), after.Members[0].Item1.SuspectTimes!.Select(s => s.Item1).OrderBy(v => v.ToParsableString()));
    }

    [Fact]
    public async Task IAmAlive_moves_only_the_heartbeat_and_leaves_etags_valid()
    {
        var table = await CreateTableAsync();
        var entry = NewEntry(SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));
        var before = await table.ReadAllAsync(Ct);
        var heartbeat = Now().AddMinutes(1);

        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = heartbeat }, Ct);

        var after = await table.ReadAllAsync(Ct);
        Assert.Equal(before.Version, after.Version);
        var (row, etag) = Assert.Single(after.Members);
        Assert.Equal(before.Members[0].Item2, etag);
        Assert.Equal(heartbeat, row.IAmAliveTime);
        Assert.Equal(entry.StartTime, row.StartTime);
        Assert.Equal(SiloStatus.Active, row.Status);

        // A vote cast from what was read before the heartbeat still lands, and does not move the heartbeat back.
        var suspected = Copy(before.Members[0].Item1, SiloStatus.Active);
        suspected.AddSuspector(NewAddress(), Now());
        Assert.True(await table.UpdateRowAsync(suspected, before.Members[0].Item2, before.Version.Next(), Ct));
        Assert.Equal(heartbeat, (await table.ReadRowAsync(entry.SiloAddress, Ct)).Members[0].Item1.IAmAliveTime);
    }

    [Fact]
    public async Task IAmAlive_of_a_silo_without_a_row_is_no_error()
    {
        var table = await CreateTableAsync();

        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = NewAddress(), IAmAliveTime = Now() }, Ct);

        Assert.Empty((await table.ReadAllAsync(Ct)).Members);
    }

    [Fact]
    public async Task Cleanup_removes_only_dead_silos_last_heard_of_before_the_date()
    {
        var table = await CreateTableAsync();
        var longAgo = Now().AddDays(-10);
        var deadLongAgo = NewEntry(SiloStatus.Dead, longAgo);
        var deadButRecentlyVotedAgainst = NewEntry(SiloStatus.Dead, longAgo);
        deadButRecentlyVotedAgainst.AddSuspector(NewAddress(), Now());
        var aliveButQuietLongAgo = NewEntry(SiloStatus.Active, longAgo);
        var deadRecently = NewEntry(SiloStatus.Dead);
        foreach (var entry in new[] { deadLongAgo, deadButRecentlyVotedAgainst, aliveButQuietLongAgo, deadRecently })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));
        }

        var version = (await table.ReadAllAsync(Ct)).Version;

        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(Now().AddDays(-1)), Ct);

        var after = await table.ReadAllAsync(Ct);
        Assert.Equal(version, after.Version);
        Assert.Equal(
            new[] { deadButRecentlyVotedAgainst, aliveButQuietLongAgo, deadRecently }.Select(e => e.SiloAddress).OrderBy(a => a.Generation),
            after.Members.Select(m => m.Item1.SiloAddress).OrderBy(a => a.Generation));
    }

    [Fact]
    public async Task Deleting_a_cluster_removes_its_rows_and_version_and_leaves_other_clusters()
    {
        var doomedCluster = $"test-{Guid.NewGuid():N}";
        var doomed = await CreateTableAsync(doomedCluster);
        var other = await CreateTableAsync();
        Assert.True(await doomed.InsertRowAsync(NewEntry(SiloStatus.Active), (await doomed.ReadAllAsync(Ct)).Version.Next(), Ct));
        Assert.True(await other.InsertRowAsync(NewEntry(SiloStatus.Active), (await other.ReadAllAsync(Ct)).Version.Next(), Ct));
        var doomedVersion = (await doomed.ReadAllAsync(Ct)).Version;

        await doomed.DeleteMembershipTableEntriesAsync(doomedCluster, Ct);

        var gone = await doomed.ReadAllAsync(Ct);
        Assert.Empty(gone.Members);
        Assert.Equal(0, gone.Version.Version);
        Assert.False(await doomed.InsertRowAsync(NewEntry(SiloStatus.Active), doomedVersion.Next(), Ct));
        Assert.Single((await other.ReadAllAsync(Ct)).Members);

        await doomed.InitializeMembershipTableAsync(tryInitTableVersion: true, Ct);
        Assert.True(await doomed.InsertRowAsync(NewEntry(SiloStatus.Active), (await doomed.ReadAllAsync(Ct)).Version.Next(), Ct));
    }

    [Fact]
    public async Task Gateways_are_the_client_ports_of_the_clusters_active_silos()
    {
        var cluster = $"test-{Guid.NewGuid():N}";
        var table = await CreateTableAsync(cluster);
        var active = NewEntry(SiloStatus.Active);
        var activeWithoutClientPort = NewEntry(SiloStatus.Active);
        activeWithoutClientPort.ProxyPort = 0;
        foreach (var entry in new[] { active, activeWithoutClientPort, NewEntry(SiloStatus.Joining), NewEntry(SiloStatus.ShuttingDown), NewEntry(SiloStatus.Dead) })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));
        }

        var otherCluster = await CreateTableAsync();
        Assert.True(await otherCluster.InsertRowAsync(NewEntry(SiloStatus.Active), (await otherCluster.ReadAllAsync(Ct)).Version.Next(), Ct));
        var gatewayOptions = new GatewayOptions { GatewayListRefreshPeriod = TimeSpan.FromSeconds(7) };
        var provider = new PostgresGatewayListProvider(fixture.DataSource, ClusterOptionsFor(cluster), Options.Create(gatewayOptions));

        await provider.InitializeGatewayListProviderAsync(Ct);
        var gateways = await provider.GetGatewaysAsync(Ct);

        var expected = SiloAddress.New(active.SiloAddress.Endpoint.Address, active.ProxyPort, active.SiloAddress.Generation).ToGatewayUri();
        Assert.Equal(expected, Assert.Single(gateways));
        Assert.Equal(TimeSpan.FromSeconds(7), provider.MaxStaleness);
    }

    [Fact]
    public async Task An_unreachable_database_is_storage_unavailable()
    {
        // Nothing listens on port 1; Timeout=2 bounds the connect attempt should the port be filtered instead of refused.
        await using var unreachable = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=postgres;Timeout=2");
        var table = new PostgresMembershipTable(unreachable, ClusterOptionsFor("unreachable"));

        await Assert.ThrowsAsync<StorageUnavailableException>(() => table.ReadAllAsync(Ct));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => table.InsertRowAsync(NewEntry(SiloStatus.Joining), new TableVersion(1, Guid.NewGuid().ToString()), Ct));
    }

    public void Dispose() => _timeout.Dispose();

    private Task<PostgresMembershipTable> CreateTableAsync() => CreateTableAsync($"test-{Guid.NewGuid():N}");

    private async Task<PostgresMembershipTable> CreateTableAsync(string clusterId)
    {
        var table = new PostgresMembershipTable(fixture.DataSource, ClusterOptionsFor(clusterId));
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, Ct);
        return table;
    }

    private static IOptions<ClusterOptions> ClusterOptionsFor(string clusterId) => Options.Create(new ClusterOptions { ClusterId = clusterId });

    /// <summary>UTC now, cut to PostgreSQL's microseconds so that what is read back compares equal.</summary>
    private static DateTime Now() => new(DateTime.UtcNow.Ticks / 10 * 10, DateTimeKind.Utc);

    private static SiloAddress NewAddress() => SiloAddress.New(IPAddress.Loopback, 11111, Interlocked.Increment(ref s_generation));

    private static MembershipEntry NewEntry(SiloStatus status, DateTime? lastSeen = null)
    {
        var address = NewAddress();
        return new MembershipEntry
        {
            SiloAddress = address,
            Status = status,
            SiloName = $"silo-{address.Generation}",
            HostName = "test-host",
            ProxyPort = 30000,
            StartTime = lastSeen ?? Now(),
            IAmAliveTime = lastSeen ?? Now(),
        };
    }

    private static MembershipEntry Copy(MembershipEntry entry, SiloStatus status) => new()
    {
        SiloAddress = entry.SiloAddress,
        Status = status,
        SuspectTimes = entry.SuspectTimes is null ? null : [.. entry.SuspectTimes],
        ProxyPort = entry.ProxyPort,
        HostName = entry.HostName,
        SiloName = entry.SiloName,
        RoleName = entry.RoleName,
        UpdateZone = entry.UpdateZone,
        FaultZone = entry.FaultZone,
        StartTime = entry.StartTime,
        IAmAliveTime = entry.IAmAliveTime,
    };

    private static void AssertSameEntry(MembershipEntry expected, MembershipEntry actual)
    {
        Assert.Equal(expected.SiloAddress, actual.SiloAddress);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.SiloName, actual.SiloName);
        Assert.Equal(expected.HostName, actual.HostName);
        Assert.Equal(expected.RoleName, actual.RoleName);
        Assert.Equal(expected.ProxyPort, actual.ProxyPort);
        Assert.Equal(expected.UpdateZone, actual.UpdateZone);
        Assert.Equal(expected.FaultZone, actual.FaultZone);
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(expected.IAmAliveTime, actual.IAmAliveTime);
        Assert.Equal(expected.SuspectTimes ?? [], actual.SuspectTimes ?? []);
    }
}
