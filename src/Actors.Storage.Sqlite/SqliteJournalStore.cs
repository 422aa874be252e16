using Actors.Abstractions.Storage;
using Microsoft.Data.Sqlite;

namespace Actors.Storage.Sqlite;

/// <summary>
/// The embedded journal: SQLite in one local file, so a silo needs nothing else. WAL mode lets reads run
/// concurrently with the one writer; <c>synchronous=FULL</c> makes every acknowledged append durable.
/// Writes are serialized in-process (SQLite has one writer anyway, and waiting on a semaphore is cheaper
/// than spinning on SQLITE_BUSY); the unique keys stay the arbiter should a second process open the file.
/// </summary>
public sealed partial class SqliteJournalStore : IJournalStore, IDisposable
{
    /// <summary>How long a connection waits for another process's lock before SQLITE_BUSY.</summary>
    private const int BusyTimeoutMilliseconds = 5_000;

    private readonly string _path;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    static SqliteJournalStore()
    {
        // Microsoft.Data.Sqlite.Core does not pick a native SQLite; the bundle's e_sqlite3 must be registered once.
        SQLitePCL.Batteries_V2.Init();
    }

    public SqliteJournalStore(SqliteJournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        _path = Path.GetFullPath(options.Path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
    }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (Path.GetDirectoryName(_path) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }

            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                await using var connection = await OpenAsync(cancellationToken);
                // journal_mode is stored in the file: set once, every later connection is in WAL mode.
                await ExecuteAsync(connection, "pragma journal_mode = wal", cancellationToken);

                await using var transaction = connection.BeginTransaction(deferred: false);
                var version = await ScalarAsync<long>(connection, "pragma user_version", cancellationToken);
                for (var next = version; next < SqliteSchema.Scripts.Count; next++)
                {
                    await ExecuteAsync(connection, SqliteSchema.Scripts[(int)next], cancellationToken);
                    await ExecuteAsync(connection, $"pragma user_version = {next + 1}", cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (Exception exception) when (SqliteErrors.Transform(exception, appending: null) is { } translated)
        {
            throw translated;
        }
    }

    /// <inheritdoc />
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await ScalarAsync<long>(connection, "select 1", cancellationToken) == 1;
        }
        catch (Exception)
        {
            // A health probe reports, it does not fail: any exception (including cancellation) means "not now".
            return false;
        }
    }

    public void Dispose()
    {
        _writeLock.Dispose();
        // Pooled connections keep the file (and its -wal/-shm) open; let go of them with the store.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Per-connection settings, so they are set on every open (a pooled connection keeps them; repeating is cheap).
            // synchronous=FULL: in WAL mode NORMAL may lose the last commits on power loss; acknowledged appends must not.
            // secure_delete: what a delete or update frees is overwritten with zeros, so a destroyed data key or a purged
            // personal value does not stay readable in free pages of the file. The journal itself is only ever inserted to.
            await ExecuteAsync(
                connection,
                $"pragma synchronous = full; pragma secure_delete = on; pragma busy_timeout = {BusyTimeoutMilliseconds}",
                cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
