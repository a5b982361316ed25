-- The backlog at the end of each day (see BacklogSnapshots): which days were kept and when, and their counts.
create table backlog_snapshot_days (
    day         date primary key,
    taken_time  timestamptz not null
);

create table backlog_snapshots (
    day         date not null references backlog_snapshot_days (day),
    stage       text not null,
    body        text not null,
    purpose     text not null,
    age_bucket  integer not null,
    overdue     boolean not null,
    paused      boolean not null,
    tasks       bigint not null,
    primary key (day, stage, body, purpose, age_bucket, overdue, paused)
);
