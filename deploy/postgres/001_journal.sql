-- 001: the journal, snapshots and idempotency records.
-- Applied by PostgresJournalStore.InitializeAsync inside one transaction under an advisory lock,
-- and recorded in actors_schema_version. Idempotent, so it is also safe to run by hand (psql -f).

create table if not exists actors_schema_version (
    version    integer     not null,
    name       text        not null,
    applied_at timestamptz not null default now(),
    constraint actors_schema_version_pkey primary key (version)
);

-- One row per mutation set. The primary key is the optimistic-concurrency arbiter: two writers of
-- the same (actor, version) cannot both commit; the loser gets unique_violation on actors_journal_pkey.
create table if not exists actors_journal (
    actor_type     text        not null,
    actor_id       text        not null,
    version        bigint      not null,
    checkpoint_id  uuid        not null,
    global_version bigint      generated always as identity,
    ts             timestamptz not null,
    principal      text        not null,
    operation      text        not null,
    metadata       jsonb       not null,
    reason         text        null,
    events         jsonb       not null,
    constraint actors_journal_pkey primary key (actor_type, actor_id, version),
    constraint actors_journal_global_version_key unique (global_version),
    constraint actors_journal_version_check check (version >= 1)
);

-- FindCheckpointAsync: (actor, checkpoint id) -> one row.
create index if not exists actors_journal_checkpoint_idx
    on actors_journal (actor_type, actor_id, checkpoint_id);

-- FindAtOrBeforeAsync: newest row with ts <= @at, a backward scan that stops at the first row.
create index if not exists actors_journal_ts_idx
    on actors_journal (actor_type, actor_id, ts, version);

-- State after mutation set `version`; FindSnapshotAsync seeks the newest version <= v on the key.
create table if not exists actors_snapshots (
    actor_type text        not null,
    actor_id   text        not null,
    version    bigint      not null,
    state      jsonb       not null,
    created_at timestamptz not null default now(),
    constraint actors_snapshots_pkey primary key (actor_type, actor_id, version)
);

-- The first answer to a batch sent with an Idempotency-Key. The response is kept as text, byte for
-- byte, because it is replayed to the client as it was first sent.
create table if not exists actors_idempotency (
    actor_type   text        not null,
    actor_id     text        not null,
    key          text        not null,
    request_hash text        not null,
    version      bigint      not null,
    response     text        not null,
    created_at   timestamptz not null default now(),
    constraint actors_idempotency_pkey primary key (actor_type, actor_id, key)
);
