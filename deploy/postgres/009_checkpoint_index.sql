-- 009: a checkpoint is found by its id alone. The index that served FindCheckpointAsync led with the actor's type and id,
-- two text columns every append compared on the way down its b-tree, as it does in the primary key and in three more
-- indexes. A checkpoint id is a version-7 UUID drawn for its set (time-ordered, never reused), so an index of the id
-- alone grows at its right edge and compares 16 bytes; the statement then checks that the row is the actor's.
-- Unique, because ids are, and because PostgreSQL then knows that the id finds at most one row: without statistics
-- (a fresh or restored journal) it otherwise preferred the primary key and read the actor's sets up to the one asked for.
-- Applied by PostgresJournalStore.InitializeAsync inside one transaction under an advisory lock, after 008, so the index
-- is built with a plain create index (appends wait while it builds: seconds per million sets).
-- Idempotent, so it is also safe to run by hand (psql -f).
create unique index if not exists actors_journal_checkpoint_id_key on actors_journal (checkpoint_id);
drop index if exists actors_journal_checkpoint_idx;
