namespace Actors.Storage.Sqlite;

internal static partial class SqliteSchema
{
    /// <summary>The actors' data keys: personal values are sealed with them, and erasure destroys them.</summary>
    public const string Version5 = """
        -- One key per actor at a time (the unique actor constraint); key_id is unique across actors and written into every
        -- value sealed with the key, so a value is opened only by its own key, and erasure (deleting the row) makes every
        -- value sealed with it unreadable. The next personal value written after an erasure gets a new key with a new id.
        create table if not exists data_keys (
            key_id     text    not null primary key, -- a Guid, as Microsoft.Data.Sqlite writes one (checkpoint ids too)
            actor_type text    not null,
            actor_id   text    not null,
            key        blob    not null check (length(key) = 32),
            created_at integer not null, -- microseconds since the Unix epoch, UTC
            constraint data_keys_actor unique (actor_type, actor_id)
        );
        """;
}
