-- 002: time travel across actors (global version as of a time, actors as of a global version, events
-- across actors with a stable cursor) and the audit log.
-- Applied by PostgresJournalStore.InitializeAsync inside one transaction under an advisory lock, after 001.
-- Idempotent, so it is also safe to run by hand (psql -f). Plain "create index" (not concurrently, which
-- cannot run in a transaction) locks actors_journal against writes while it builds: on a large existing
-- journal, run this script by hand in a quiet moment, or build the indexes concurrently first.

-- The transaction that wrote the row. Identity values (global_version) are taken before commit, so
-- concurrent appends commit in another order than they were numbered: a reader paging in global_version
-- order could hand out a cursor past a number whose set commits a moment later, and skip it. ReadEventsAsync
-- orders by (tx, global_version) and only returns rows with tx below pg_snapshot_xmin of its snapshot:
-- every transaction below that horizon has ended, so no row can appear there any more.
-- pg_current_xact_id() is stable, so this is a "fast default" (no table rewrite): rows written before this
-- migration all take the migrating transaction's id and sort, among themselves, by global_version.
alter table actors_journal add column if not exists tx xid8 not null default pg_current_xact_id();

-- GetGlobalVersionAsync(at): the newest set committed at or before a time, one backward seek.
create index if not exists actors_journal_global_ts_idx
    on actors_journal (ts, global_version);

-- FindAtOrBeforeGlobalVersionAsync (one backward seek per actor) and ListActorIdsAsync (a loose index scan
-- that jumps from one id to the next). Ids are listed in ordinal (byte) order whatever the database's
-- collation, so the queries compare `actor_id collate "C"` and the column is indexed with that collation:
-- an index in the default collation could not serve them unless the database itself were created with C.
create index if not exists actors_journal_actor_global_idx
    on actors_journal (actor_type, actor_id collate "C", global_version);

-- ReadEventsAsync: the page order, alone or after an equality filter.
create index if not exists actors_journal_tx_idx
    on actors_journal (tx, global_version);
create index if not exists actors_journal_type_tx_idx
    on actors_journal (actor_type, tx, global_version);
create index if not exists actors_journal_actor_tx_idx
    on actors_journal (actor_type, actor_id, tx, global_version);
create index if not exists actors_journal_principal_tx_idx
    on actors_journal (principal, tx, global_version);
-- Sets containing an event of a type: events @> '[{"type": "Order.TagAdded"}]'.
create index if not exists actors_journal_events_idx
    on actors_journal using gin (events jsonb_path_ops);

-- Who looked back or went back in time, at what, when and why. Appended alone, or in the statement that
-- appends a mutation set (then only if that set commits). audit_id is unique so a retried write is a no-op.
create table if not exists actors_audit (
    sequence   bigint      generated always as identity,
    audit_id   uuid        not null,
    ts         timestamptz not null,
    principal  text        not null,
    operation  text        not null,
    actor_type text        null,
    actor_id   text        null,
    target     jsonb       not null,
    reason     text        null,
    constraint actors_audit_pkey primary key (sequence),
    constraint actors_audit_audit_id_key unique (audit_id)
);

-- ReadAuditAsync filters, each followed by the page order.
create index if not exists actors_audit_actor_idx
    on actors_audit (actor_type, actor_id, sequence);
create index if not exists actors_audit_principal_idx
    on actors_audit (principal, sequence);
create index if not exists actors_audit_operation_idx
    on actors_audit (operation, sequence);
create index if not exists actors_audit_ts_idx
    on actors_audit (ts, sequence);
