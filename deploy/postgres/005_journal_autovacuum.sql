-- 003: autovacuum leaves the journal's statistics alone until it holds 1000 rows.
-- Applied by PostgresJournalStore.InitializeAsync inside one transaction under an advisory lock, after 002.
-- Idempotent, so it is also safe to run by hand (psql -f).
--
-- The append check and the catch-up read look an actor's rows up in version order on the primary key, the only index
-- that yields them so. Npgsql prepares these statements on every pooled connection, and PostgreSQL keeps the plan it
-- makes for them until the journal's statistics next change. While the journal has never been analyzed or vacuumed the
-- planner assumes it holds at least 10 pages, and the primary key wins. Once statistics say it holds a few pages, a
-- sequential scan of the journal is cheaper for that size. Measured: planned on a journal analyzed at 200 rows, the group
-- catch-up read scanned the whole journal once per actor when it had grown to 50,000 rows (so did the single append,
-- with narrower rows); planned at 300 to 400 rows and above, every statement used the primary key. Such a plan stays
-- until autovacuum's next pass, up to a minute later, however much the journal grows meanwhile. Autovacuum's defaults
-- analyze a table after 50 changed rows and vacuum it after 50 dead ones (aborted appends); here both wait for 1000, a
-- size at which the statements are planned on the primary key (PostgresJournalPlanTests checks plans made then). The
-- insert threshold is 1000 by default already; it is set so that a lower server-wide setting does not undo this. On a
-- large journal the scale factors (10% and 20% of the rows) dominate and autovacuum runs as before.
alter table actors_journal set (
    autovacuum_analyze_threshold = 1000,
    autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_insert_threshold = 1000);
