namespace Actors.Storage.Sqlite;

/// <summary>The embedded journal's schema; <c>PRAGMA user_version</c> records which version a file has.</summary>
internal static class SqliteSchema
{
    public const int Version = 1;

    public const string Version1 = """
        -- global_version is the rowid: AUTOINCREMENT never reuses a value, even after the newest row is gone.
        create table if not exists journal (
            global_version integer primary key autoincrement,
            actor_type     text    not null,
            actor_id       text    not null,
            version        integer not null check (version >= 1),
            checkpoint_id  blob    not null,
            ts             integer not null, -- microseconds since the Unix epoch, UTC
            principal      text    not null,
            operation      text    not null,
            metadata       text    not null,
            reason         text    null,
            events         text    not null,
            -- The optimistic-concurrency arbiter: two writers of one (actor, version) cannot both commit.
            constraint journal_actor_version unique (actor_type, actor_id, version)
        );

        create index if not exists journal_checkpoint on journal (actor_type, actor_id, checkpoint_id);
        create index if not exists journal_ts on journal (actor_type, actor_id, ts, version);

        create table if not exists snapshots (
            actor_type text    not null,
            actor_id   text    not null,
            version    integer not null,
            state      text    not null,
            primary key (actor_type, actor_id, version)
        ) without rowid;

        create table if not exists idempotency (
            actor_type   text    not null,
            actor_id     text    not null,
            key          text    not null,
            request_hash text    not null,
            version      integer not null,
            response     text    not null,
            created_at   integer not null, -- microseconds since the Unix epoch, UTC
            primary key (actor_type, actor_id, key)
        ) without rowid;
        """;
}
