using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Npgsql;

namespace Actors.Storage.Postgres;

/// <summary>
/// The production journal: PostgreSQL through one <see cref="NpgsqlDataSource"/> (pooled, registered once).
/// Appends are one statement, so the mutation set, its snapshot and its idempotency record commit together
/// without an explicit transaction; reads are single index seeks.
/// </summary>
public sealed partial class PostgresJournalStore(NpgsqlDataSource dataSource) : IJournalStore
{
    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PostgresMigrations.ApplyAsync(dataSource, cancellationToken);
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
            await using var command = dataSource.CreateCommand("select 1");
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
