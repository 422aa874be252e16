using System.Data.Common;
using Npgsql;

namespace Actors.Storage.Postgres;

/// <summary>What the journal's connection string gets where it names nothing else.</summary>
public static class PostgresConnectionDefaults
{
    /// <summary>
    /// The connection string with these settings where it names none:
    /// <list type="bullet">
    /// <item><c>Timeout</c> (connecting) 5 s rather than Npgsql's 15, and <c>Command Timeout</c> 10 s rather than 30: while
    /// PostgreSQL is unreachable every request ends in a 503 within those bounds instead of hanging, and an append's bounds
    /// stay well inside Orleans' 30 s call timeout, so a caller is never told "timed out" about a write still under way.</item>
    /// <item><c>Max Auto Prepare</c> 32: the journal's few statements are prepared on each pooled connection after their
    /// second use, so PostgreSQL parses and plans them once per connection instead of on every call.</item>
    /// <item><c>No Reset On Close</c> true: the journal leaves no session state behind (no SET, no LISTEN, only
    /// transaction-scoped locks), so a connection going back to the pool needs no RESET ALL / DISCARD on its next use.</item>
    /// </list>
    /// A connection string that sets any of them wins.
    /// </summary>
    public static string Apply(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Timeout") && !given.ContainsKey("Connect Timeout") && !given.ContainsKey("Connection Timeout"))
        {
            builder.Timeout = 5;
        }

        if (!given.ContainsKey("Command Timeout"))
        {
            builder.CommandTimeout = 10;
        }

        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 32;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
