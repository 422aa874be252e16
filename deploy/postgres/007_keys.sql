-- 007: the actors' data keys. Personal values (a payment's card number, an order's customer email) are stored sealed
-- with their actor's key (AES-256-GCM); erasure deletes the key, and with it every value sealed with it, wherever the
-- value was copied (journal, snapshots, idempotency answers, compliance snapshot data, archive files).
-- Applied by PostgresJournalStore.InitializeAsync inside one transaction under an advisory lock.
-- Idempotent, so it is also safe to run by hand (psql -f).

-- One key per actor at a time (the unique actor constraint). key_id is unique across actors and is written into every
-- value sealed with the key, so a value is opened only by its own key; the next personal value written after an erasure
-- gets a new key with a new id, and what was sealed before stays unreadable. A deleted key leaves a dead tuple until
-- vacuum, and stays in the WAL and in backups taken before: see the README ("Erasure").
create table if not exists actors_keys (
    key_id     uuid        not null,
    actor_type text        not null,
    actor_id   text        not null,
    key        bytea       not null,
    created_at timestamptz not null default now(),
    constraint actors_keys_pkey primary key (key_id),
    constraint actors_keys_actor_key unique (actor_type, actor_id),
    constraint actors_keys_length_check check (length(key) = 32)
);
