using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Actors.Storage.Postgres;

/// <summary>
/// Orleans' membership table in the journal's database (<c>003_membership.sql</c>), so that every silo on one PostgreSQL
/// joins one cluster. Orleans' membership protocol keeps its correctness in this table: every change of a silo row also
/// moves the cluster's table version, and a change commits only if the version's etag is still the one the writer read.
/// Two silos voting on the same suspect, or one silo joining while another is declared dead, are thereby ordered: the
/// second writer is refused (false), re-reads and decides again. Heartbeats are the exception: they touch only the
/// silo's own <c>i_am_alive_time</c>, move no version and change no etag.
/// </summary>
internal sealed class PostgresMembershipTable(NpgsqlDataSource dataSource, IOptions<ClusterOptions> clusterOptions) : IMembershipTable
{
    private readonly string _clusterId = clusterOptions.Value.ClusterId;

    /// <summary>
    /// Applies the schema's migrations (a no-op when the journal has already done so: the membership table does not rely on
    /// being started after the journal) and, when asked, creates the cluster's version row at version 0.
    /// </summary>
    public Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken = default) =>
        PostgresMembershipStatements.TranslateAsync(async () =>
        {
            await PostgresMigrations.ApplyAsync(dataSource, cancellationToken);
            if (tryInitTableVersion)
            {
                await using var command = dataSource.CreateCommand(
                    "insert into actors_membership_versions (cluster_id, version, etag) values (@cluster_id, 0, gen_random_uuid()) " +
                    "on conflict (cluster_id) do nothing");
                command.Parameters.AddWithValue("cluster_id", _clusterId);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        });

    /// <summary>The cluster's version row and every silo row, read by one statement and so from one snapshot.</summary>
    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default) =>
        PostgresMembershipStatements.TranslateAsync(async () =>
        {
            await using var command = dataSource.CreateCommand(PostgresMembershipStatements.SelectVersionAndSilos);
            command.Parameters.AddWithValue("cluster_id", _clusterId);
            return await PostgresMembershipStatements.ReadTableAsync(command, cancellationToken);
        });

    /// <summary>The cluster's version row and one silo's row (none if it has no row), read by one statement.</summary>
    public Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return PostgresMembershipStatements.TranslateAsync(async () =>
        {
            await using var command = dataSource.CreateCommand(PostgresMembershipStatements.SelectVersionAndSilo);
            command.Parameters.AddWithValue("cluster_id", _clusterId);
            PostgresMembershipStatements.AddKey(command, key);
            return await PostgresMembershipStatements.ReadTableAsync(command, cancellationToken);
        });
    }

    /// <summary>
    /// Adds the silo's row and moves the table version to <paramref name="tableVersion"/> in one transaction. False, with
    /// nothing written, when the version's etag is no longer <see cref="TableVersion.VersionEtag"/> or the row exists.
    /// </summary>
    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        if (!Guid.TryParse(tableVersion.VersionEtag, out var versionEtag))
        {
            return false;
        }

        return await PostgresMembershipStatements.TranslateAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

            // Disposed without a commit, the transaction rolls back: a refused step leaves the table as it was.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (!await MoveVersionAsync(connection, transaction, tableVersion.Version, versionEtag, cancellationToken))
            {
                return false;
            }

            await using var insert = new NpgsqlCommand(PostgresMembershipStatements.InsertSilo, connection, transaction);
            insert.Parameters.AddWithValue("cluster_id", _clusterId);
            PostgresMembershipStatements.AddEntry(insert, entry);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        });
    }

    /// <summary>
    /// Replaces the silo's row and moves the table version to <paramref name="tableVersion"/> in one transaction. False,
    /// with nothing written, when the version's etag moved, the row is gone, or the row's etag is no longer
    /// <paramref name="etag"/>. The heartbeat is never moved backwards: a voter writes back the heartbeat it read, which
    /// the silo itself may have advanced since.
    /// </summary>
    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        if (!Guid.TryParse(tableVersion.VersionEtag, out var versionEtag) || !Guid.TryParse(etag, out var rowEtag))
        {
            return false;
        }

        return await PostgresMembershipStatements.TranslateAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (!await MoveVersionAsync(connection, transaction, tableVersion.Version, versionEtag, cancellationToken))
            {
                return false;
            }

            await using var update = new NpgsqlCommand(PostgresMembershipStatements.UpdateSilo, connection, transaction);
            update.Parameters.AddWithValue("cluster_id", _clusterId);
            update.Parameters.AddWithValue("etag", rowEtag);
            PostgresMembershipStatements.AddEntry(update, entry);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        });
    }

    /// <summary>The silo's heartbeat: its <c>i_am_alive_time</c> only, no version, no etag. A missing row is no error.</summary>
    public Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return PostgresMembershipStatements.TranslateAsync(async () =>
        {
            await using var command = dataSource.CreateCommand(
                "update actors_membership_silos set i_am_alive_time = @i_am_alive_time " +
                "where cluster_id = @cluster_id and address = @address and port = @port and generation = @generation");
            command.Parameters.AddWithValue("cluster_id", _clusterId);
            command.Parameters.AddWithValue("i_am_alive_time", PostgresMembershipStatements.Utc(entry.IAmAliveTime));
            PostgresMembershipStatements.AddKey(command, entry.SiloAddress);
            await command.ExecuteNonQueryAsync(cancellationToken);
        });
    }

    /// <summary>Deletes the cluster's version row and, through the foreign key, all its silo rows.</summary>
    public Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clusterId);
        return PostgresMembershipStatements.TranslateAsync(async () =>
        {
            await using var command = dataSource.CreateCommand("delete from actors_membership_versions where cluster_id = @cluster_id");
            command.Parameters.AddWithValue("cluster_id", clusterId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        });
    }

    /// <summary>
    /// Deletes the rows of dead silos last heard of (started, heartbeat, or a vote against them) before
    /// <paramref name="beforeDate"/>. Rows of live silos are never removed, however old their heartbeat.
    /// </summary>
    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default) =>
        PostgresMembershipStatements.TranslateAsync(async () =>
        {
            await using var command = dataSource.CreateCommand(PostgresMembershipStatements.DeleteDefunctSilos);
            command.Parameters.AddWithValue("cluster_id", _clusterId);
            command.Parameters.AddWithValue("dead", nameof(SiloStatus.Dead));
            command.Parameters.AddWithValue("before", beforeDate.UtcDateTime);
            await command.ExecuteNonQueryAsync(cancellationToken);
        });

    // The interface's original, token-less members; Orleans calls the Async ones above.
    [Obsolete("Use InitializeMembershipTableAsync.")]
    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    [Obsolete("Use DeleteMembershipTableEntriesAsync.")]
    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    [Obsolete("Use CleanupDefunctSiloEntriesAsync.")]
    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    [Obsolete("Use ReadRowAsync.")]
    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    [Obsolete("Use ReadAllAsync.")]
    public Task<MembershipTableData> ReadAll() => ReadAllAsync(CancellationToken.None);

    [Obsolete("Use InsertRowAsync.")]
    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);

    [Obsolete("Use UpdateRowAsync.")]
    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    [Obsolete("Use UpdateIAmAliveAsync.")]
    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    /// <summary>
    /// Sets the cluster's version and draws a new etag, if the etag is still <paramref name="expectedEtag"/>. The row stays
    /// locked until the transaction ends, so the cluster's membership writers queue here, one at a time; a writer that
    /// waited finds the etag changed and is refused.
    /// </summary>
    private async Task<bool> MoveVersionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int version, Guid expectedEtag, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "update actors_membership_versions set version = @version, etag = gen_random_uuid() " +
            "where cluster_id = @cluster_id and etag = @version_etag",
            connection,
            transaction);
        command.Parameters.AddWithValue("cluster_id", _clusterId);
        command.Parameters.AddWithValue("version", version);
        command.Parameters.AddWithValue("version_etag", expectedEtag);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
