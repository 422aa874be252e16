-- 006: the history lifecycle: each compacted actor's boundary, the archive's files and index, idempotency expiry.
-- Applied by PostgresJournalStore.InitializeAsync inside one transaction under an advisory lock, after 005.
-- Idempotent, so it is also safe to run by hand (psql -f).

-- One row per compacted actor (none: everything is in actors_journal). The journal keeps the sets from boundary_version on
-- and a snapshot at it; the archive holds earliest_version up to the boundary; older versions were pruned. created_* is
-- version 1 (before it the actor did not exist). pruned_tx/pruned_gv is the event-feed position of the newest pruned set,
-- which tells an event reader whether its cursor still reaches pruned history.
create table if not exists actors_history (
    actor_type       text        not null,
    actor_id         text        not null,
    boundary_version bigint      not null,
    boundary_ts      timestamptz not null,
    boundary_gv      bigint      not null,
    earliest_version bigint      not null,
    earliest_ts      timestamptz not null,
    earliest_gv      bigint      not null,
    created_ts       timestamptz not null,
    created_gv       bigint      not null,
    pruned_tx        xid8        null,
    pruned_gv        bigint      null,
    compacted_at     timestamptz not null default now(),
    constraint actors_history_pkey primary key (actor_type, actor_id),
    constraint actors_history_versions_check check (boundary_version >= 1 and earliest_version between 1 and boundary_version)
);

-- Archive files, recorded once durable and verified (the manifest beside them lists the same), and the versions of each
-- actor they hold: one row group per actor and file.
create table if not exists actors_archive_files (
    path        text        not null,
    actor_type  text        not null,
    period      text        not null,
    sets        integer     not null,
    snapshots   integer     not null,
    min_ts      timestamptz not null,
    max_ts      timestamptz not null,
    max_gv      bigint      not null,
    max_cursor  text        not null,
    sha256      text        not null,
    created_at  timestamptz not null,
    constraint actors_archive_files_pkey primary key (path)
);

create index if not exists actors_archive_files_type_idx on actors_archive_files (actor_type, created_at);

create table if not exists actors_archive_index (
    actor_type   text    not null,
    actor_id     text    not null,
    from_version bigint  not null,
    to_version   bigint  not null,
    file         text    not null,
    row_group    integer not null,
    constraint actors_archive_index_pkey primary key (actor_type, actor_id, from_version, file)
);

-- ExpireIdempotencyAsync deletes the oldest records first.
create index if not exists actors_idempotency_created_idx on actors_idempotency (created_at);
