namespace Actors.Storage.Sqlite;

/// <summary>
/// The embedded journal's schema; <c>PRAGMA user_version</c> records which version a file has, and a file at
/// version n gets the scripts after n, in order. Never edit a script a released file may have applied.
/// </summary>
internal static partial class SqliteSchema
{
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

    /// <summary>Time travel across actors and the audit log.</summary>
    public const string Version2 = """
        -- GetGlobalVersionAsync(at): the newest set committed at or before a time, one backward seek.
        create index if not exists journal_global_ts on journal (ts, global_version);
        -- FindAtOrBeforeGlobalVersionAsync: one backward seek per actor; ReadEventsAsync for one actor.
        -- (ListActorIdsAsync jumps from id to id on the unique key (actor_type, actor_id, version).)
        create index if not exists journal_actor_global on journal (actor_type, actor_id, global_version);
        -- ReadEventsAsync filters, each followed by the page order (global_version is the rowid, which every
        -- index ends with anyway; naming it says what the index is for).
        create index if not exists journal_type_global on journal (actor_type, global_version);
        create index if not exists journal_principal_global on journal (principal, global_version);

        -- Who looked back or went back in time, at what, when and why. audit_id is unique so a retried
        -- write is a no-op; sequence never reuses a value.
        create table if not exists audit (
            sequence   integer primary key autoincrement,
            audit_id   blob    not null unique,
            ts         integer not null, -- microseconds since the Unix epoch, UTC
            principal  text    not null,
            operation  text    not null,
            actor_type text    null,
            actor_id   text    null,
            target     text    not null,
            reason     text    null
        );

        create index if not exists audit_actor on audit (actor_type, actor_id, sequence);
        create index if not exists audit_principal on audit (principal, sequence);
        create index if not exists audit_operation on audit (operation, sequence);
        create index if not exists audit_ts on audit (ts, sequence);
        """;

    /// <summary>Grain state (compliance snapshot jobs), durable reminders and the data the snapshot jobs write.</summary>
    public const string Version3 = """
        -- Orleans grain state (JournalGrainStorage). etag is drawn anew by every write, and a write names the etag it read.
        create table if not exists grain_state (
            grain_id   text    not null,
            state_name text    not null,
            etag       text    not null,
            data       text    not null,
            updated_at integer not null, -- microseconds since the Unix epoch, UTC
            primary key (grain_id, state_name)
        ) without rowid;

        -- Orleans reminders (JournalReminderTable), per service. grain_hash is Orleans' uniform hash of grain_id (unsigned
        -- 32-bit); the silo ticks the reminders in its range of the ring. period is in .NET ticks (100 ns).
        create table if not exists reminders (
            service_id    text    not null,
            grain_id      text    not null,
            reminder_name text    not null,
            grain_hash    integer not null,
            start_at      integer not null, -- microseconds since the Unix epoch, UTC
            period        integer not null,
            etag          text    not null,
            primary key (service_id, grain_id, reminder_name)
        ) without rowid;

        create index if not exists reminders_hash on reminders (service_id, grain_hash);

        -- The data of compliance snapshots: NDJSON lines in numbered chunks, one per page of actors a job wrote.
        create table if not exists snapshot_data (
            snapshot_id text    not null,
            chunk       integer not null check (chunk >= 0),
            lines       text    not null,
            primary key (snapshot_id, chunk)
        ) without rowid;
        """;

    /// <summary>The history lifecycle: each compacted actor's boundary, the archive's files and index, idempotency expiry.</summary>
    public const string Version4 = """
        -- One row per compacted actor (none: everything is in the journal). The journal keeps the sets from boundary_version
        -- on and a snapshot at it; the archive holds earliest_version up to the boundary; older versions were pruned.
        -- created_* is version 1 (before it the actor did not exist); pruned_gv is the global version of the newest pruned
        -- set, which tells an event reader whether its cursor still reaches pruned history.
        create table if not exists history (
            actor_type       text    not null,
            actor_id         text    not null,
            boundary_version integer not null check (boundary_version >= 1),
            boundary_ts      integer not null,
            boundary_gv      integer not null,
            earliest_version integer not null check (earliest_version >= 1 and earliest_version <= boundary_version),
            earliest_ts      integer not null,
            earliest_gv      integer not null,
            created_ts       integer not null,
            created_gv       integer not null,
            pruned_gv        integer null,
            compacted_at     integer not null, -- microseconds since the Unix epoch, UTC
            primary key (actor_type, actor_id)
        ) without rowid;

        -- Archive files, recorded once durable and verified (the manifest beside them lists the same), and the versions of
        -- each actor they hold: one row group per actor and file.
        create table if not exists archive_files (
            path        text    not null primary key,
            actor_type  text    not null,
            period      text    not null,
            sets        integer not null,
            snapshots   integer not null,
            min_ts      integer not null,
            max_ts      integer not null,
            max_gv      integer not null,
            max_cursor  text    not null,
            sha256      text    not null,
            created_at  integer not null
        ) without rowid;

        create index if not exists archive_files_type on archive_files (actor_type, created_at);

        create table if not exists archive_index (
            actor_type   text    not null,
            actor_id     text    not null,
            from_version integer not null,
            to_version   integer not null,
            file         text    not null,
            row_group    integer not null,
            primary key (actor_type, actor_id, from_version, file)
        ) without rowid;

        -- ExpireIdempotencyAsync deletes the oldest records first.
        create index if not exists idempotency_created on idempotency (created_at);
        """;

    /// <summary>The script that takes a file from version <c>index</c> to <c>index + 1</c>; the newest version is the count.</summary>
    public static IReadOnlyList<string> Scripts { get; } = [Version1, Version2, Version3, Version4, Version5];
}
