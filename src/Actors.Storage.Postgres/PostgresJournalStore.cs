using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Npgsql;

namespace Actors.Storage.Postgres;

/// <summary>
/// The production journal: PostgreSQL through one <see cref="NpgsqlDataSource"/> (pooled, registered once).
/// Appends are one statement, so the mutation set, its snapshot and its idempotency record commit together
/// without an explicit transaction; concurrent appends of different actors share one such statement (group
/// commit, <see cref="PostgresJournalOptions.GroupCommit"/>). Reads are single index seeks.
/// </summary>
public sealed partial class PostgresJournalStore : IJournalStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupQueue<AppendRequest, long>? _appends;
    private readonly GroupQueue<AuditRecord, bool>? _audits;
    private readonly GroupQueue<(ActorKey Actor, long After), IReadOnlyList<MutationSetRecord>>? _tails;

    public PostgresJournalStore(NpgsqlDataSource dataSource, PostgresJournalOptions? options = null)
    {
        _dataSource = dataSource;
        options ??= new PostgresJournalOptions();
        if (options.GroupCommit)
        {
            _appends = new("append", options.GroupConnections, options.MaxGroupSize, CommitAppendGroupAsync);
            _audits = new("audit", 1, options.MaxGroupSize, CommitAuditGroupAsync);
            _tails = new("catch-up read", options.GroupConnections, options.MaxGroupSize, ReadTailGroupAsync);
        }
    }

    /// <summary>Lets the queued writes commit and stops the group writers. The data source is its owner's to dispose.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var queue in new IAsyncDisposable?[] { _appends, _audits, _tails })
        {
            if (queue is not null)
            {
                await queue.DisposeAsync();
            }
        }
    }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PostgresMigrations.ApplyAsync(_dataSource, cancellationToken);
        }
        catch (Exception exception) when (PostgresExceptionTransformer.Transform(exception, appending: null) is { } translated)
        {
            throw translated;
        }
    }

    /// <inheritdoc />
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _dataSource.CreateCommand("select 1");
            return await command.ExecuteScalarAsync(cancellationToken) is 1;
        }
        catch (Exception)
        {
            // A health probe reports, it does not fail: any exception (including cancellation) means "not now".
            return false;
        }
    }

    private static void AddActor(NpgsqlCommand command, ActorKey actor)
    {
        command.Parameters.AddWithValue("actor_type", actor.Type);
        command.Parameters.AddWithValue("actor_id", actor.Id);
    }
}
