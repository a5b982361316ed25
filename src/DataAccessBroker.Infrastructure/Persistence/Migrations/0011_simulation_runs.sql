-- Every simulated history loaded into this database (dab simulate). Its presence is the provenance flag every
-- statistics answer carries: figures computed from a database that holds simulated applications must never be taken
-- for real ones, and simulated applications are stored exactly as live ones, so nothing else tells them apart.
create table simulation_runs (
    id            bigint generated always as identity primary key,
    seed          bigint not null,
    applications  integer not null,
    months        integer not null,
    run_time      timestamptz not null default now()
);
