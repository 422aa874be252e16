-- 003: Orleans cluster membership, so that the silos on one database form one cluster (PostgresMembershipTable).
-- Applied by PostgresJournalStore.InitializeAsync (and PostgresMembershipTable) inside one transaction under an
-- advisory lock, after 002. Idempotent, so it is also safe to run by hand (psql -f).

-- One row per cluster: the membership table's version. Every change to the cluster's silo rows (a silo joining, a
-- status change, a suspicion vote) moves the version by one and draws a new etag, in the same transaction. A writer
-- names the etag it last read; if another writer got there first the etag no longer matches and the write changes
-- nothing. The silos of a cluster therefore agree on one order of membership changes.
create table if not exists actors_membership_versions (
    cluster_id text    not null,
    version    integer not null,
    etag       uuid    not null,
    constraint actors_membership_versions_pkey primary key (cluster_id)
);

-- One row per silo incarnation: address, port and generation (the start time Orleans gives each incarnation)
-- identify it, so a restarted silo on the same endpoint gets a new row and its dead predecessor stays until cleanup.
-- etag changes with every update of the row except heartbeats (i_am_alive_time), so a heartbeat never makes another
-- silo's suspicion vote fail. The two suspect arrays are parallel: suspecters[i] voted at suspect_times[i].
create table if not exists actors_membership_silos (
    cluster_id      text          not null,
    address         text          not null,
    port            integer       not null,
    generation      integer       not null,
    silo_name       text          not null,
    host_name       text          not null,
    role_name       text          null,
    status          text          not null,
    proxy_port      integer       not null,
    update_zone     integer       not null,
    fault_zone      integer       not null,
    start_time      timestamptz   not null,
    i_am_alive_time timestamptz   not null,
    suspecters      text[]        not null,
    suspect_times   timestamptz[] not null,
    etag            uuid          not null,
    constraint actors_membership_silos_pkey primary key (cluster_id, address, port, generation),
    constraint actors_membership_silos_cluster_fkey foreign key (cluster_id)
        references actors_membership_versions (cluster_id) on delete cascade,
    constraint actors_membership_silos_suspects_check check (cardinality(suspecters) = cardinality(suspect_times))
);
