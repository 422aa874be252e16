-- 008: fewer indexes on the journal. Every append wrote an entry into each of the journal's eleven indexes (a GIN among
-- them); this leaves seven, and each remaining one serves a statement no other index can.
-- Applied by PostgresJournalStore.InitializeAsync inside one transaction under an advisory lock, after 007.
-- Idempotent, so it is also safe to run by hand (psql -f).
--
-- Left: the primary key (the writers' arbiter, the append check, rebuilds, the per-actor event feed), the global_version
-- key (max(global_version)), checkpoint_idx (FindCheckpointAsync), ts_idx (FindAtOrBeforeAsync), global_ts_idx
-- (GetGlobalVersionAsync at a time), actor_global_idx (FindAtOrBeforeGlobalVersionAsync, ListActorIdsAsync) and tx_idx
-- (the event feed's page order).
--
-- The per-actor event feed reads the primary key. Within one actor, version order is the feed's (tx, global_version)
-- order: an append reads its predecessor committed in the statement that writes it, so the predecessor's transaction
-- took its id, and drew its global_version, before this one did. ReadEventsAsync therefore pages an actor's sets in
-- version order and seeks past the cursor's version.
drop index if exists actors_journal_actor_tx_idx;

-- The feed filtered by actor type, principal or event type walks the one feed index in page order and filters each row,
-- which costs the rows it skips: nothing when the filter matches most sets, up to a scan of the journal after the cursor
-- when it matches none. Three more indexes (one of them GIN, the costliest to maintain) on every append were the price
-- of making rare filters cheap; readers of the feed page through it in order and keep up with the writers, so they skip
-- few rows between pages.
drop index if exists actors_journal_type_tx_idx;
drop index if exists actors_journal_principal_tx_idx;
drop index if exists actors_journal_events_idx;
