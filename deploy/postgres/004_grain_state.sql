-- 004: what a silo knows that the others must see: grain state (compliance snapshot jobs), durable reminders (which
-- resume such a job on another silo when its own dies) and the data the jobs write.
-- Applied by PostgresJournalStore.InitializeAsync inside one transaction under an advisory lock, after 003.
-- Idempotent, so it is also safe to run by hand (psql -f).

-- Orleans grain state (JournalGrainStorage). etag is drawn anew by every write, and a write names the etag it read:
-- of two activations of one grain (possible for a moment while membership changes) only one write succeeds.
create table if not exists actors_grain_state (
    grain_id   text        not null,
    state_name text        not null,
    etag       uuid        not null,
    data       jsonb       not null,
    updated_at timestamptz not null default now(),
    constraint actors_grain_state_pkey primary key (grain_id, state_name)
);

-- Orleans reminders (JournalReminderTable), per service. Each silo ticks the reminders whose grain_hash falls in its
-- range of the cluster's ring, and reads them again when the ring changes (a silo joined or died). grain_hash is
-- Orleans' uniform hash of grain_id, an unsigned 32-bit number, hence bigint. period is in .NET ticks (100 ns).
create table if not exists actors_reminders (
    service_id    text        not null,
    grain_id      text        not null,
    reminder_name text        not null,
    grain_hash    bigint      not null,
    start_at      timestamptz not null,
    period        bigint      not null,
    etag          uuid        not null,
    constraint actors_reminders_pkey primary key (service_id, grain_id, reminder_name),
    constraint actors_reminders_hash_check check (grain_hash between 0 and 4294967295)
);

create index if not exists actors_reminders_hash_idx on actors_reminders (service_id, grain_hash);

-- The data of compliance snapshots: NDJSON lines in numbered chunks (a job writes one per page of actors). A job that
-- resumes after a crash writes its last chunk again under the same number.
create table if not exists actors_snapshot_data (
    snapshot_id text    not null,
    chunk       integer not null check (chunk >= 0),
    lines       text    not null,
    constraint actors_snapshot_data_pkey primary key (snapshot_id, chunk)
);
