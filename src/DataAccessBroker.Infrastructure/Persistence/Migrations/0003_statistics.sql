-- Statistics maintained as transitions happen, so a query reads a bounded number of fixed-size rows however long the
-- history grows. Histograms have 731 half-day buckets (0-365 days; the last also takes anything longer).
create function dab_unit_histogram(bucket integer) returns bigint[] language sql immutable as $$
    select array_agg(case when i = bucket + 1 then 1::bigint else 0::bigint end order by i)
    from generate_series(1, 731) i
$$;

-- One row per closed stage task: what analysts may read and export. No identities, no free text.
create table stage_intervals (
    task_id                       uuid primary key references stage_tasks (id),
    stage                         text not null,
    body                          text not null,
    purpose                       text not null,
    opened_time                   timestamptz not null,
    closed_time                   timestamptz not null,
    outcome                       text not null,
    body_business_days            double precision not null,
    body_calendar_days            double precision not null,
    applicant_wait_business_days  double precision not null,
    applicant_wait_calendar_days  double precision not null,
    within_sla                    boolean not null
);

create index stage_intervals_by_close on stage_intervals (closed_time);

-- Completed work by the month it completed (Europe/Oslo), per stage, body and purpose.
create table turnaround_rollups (
    close_month         date not null,
    stage               text not null,
    body                text not null,
    purpose             text not null,
    business_hist       bigint[] not null,
    calendar_hist       bigint[] not null,
    sum_business        double precision not null,
    sum_calendar        double precision not null,
    sum_applicant_wait  double precision not null,
    within_sla          bigint not null,
    primary key (close_month, stage, body, purpose)
);

-- Cohorts by the month the task opened: completions (events) and cancellations (censored) for Kaplan-Meier.
create table cohort_rollups (
    open_month      date not null,
    stage           text not null,
    body            text not null,
    purpose         text not null,
    completed_hist  bigint[] not null,
    cancelled_hist  bigint[] not null,
    primary key (open_month, stage, body, purpose)
);

-- Applications per month: submitted (arrivals), finished in any terminal state (completions), and lead times.
create table application_month_rollups (
    month        date not null,
    purpose      text not null,
    arrivals     bigint not null default 0,
    completions  bigint not null default 0,
    lead_hist    bigint[] not null default array_fill(0::bigint, array[731]),
    sum_lead     double precision not null default 0,
    primary key (month, purpose)
);
