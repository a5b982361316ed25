-- Transitions that cost little (see docs/sla-path.md).
--
-- 1. Timers carry one due time (the next milestone not yet on record) under one partial index, which the firing
--    process reads in batches; the per-milestone columns, their three indexes and the Hangfire job ids go. The
--    deadline (breach time, fired or not) is kept for the reviewers' queue.
-- 2. Statistics are appended as small deltas in the transition's transaction and folded into the rollups in batches
--    by the folding process; queries read rollups plus pending deltas. No transition updates a row that others
--    update too. The statement trigger that kept open_task_rollups goes.

-- Loading a timer reads its recorded milestones from the row itself (a copy of its sla_firings rows, written in the
-- same transaction) and visits sla_timer_pauses only when it has pauses: three index probes per timer saved on
-- every load.
alter table sla_timers
    add column due_time timestamptz,
    add column deadline_time timestamptz,
    add column fired_milestones text not null default '',
    add column pause_count integer not null default 0;

update sla_timers t set
    fired_milestones = coalesce((select string_agg(f.milestone, ',' order by f.milestone) from sla_firings f
                                 where f.timer_id = t.id), ''),
    pause_count = (select count(*) from sla_timer_pauses p where p.timer_id = t.id),
    due_time = least(t.reminder_time, t.breach_time, t.escalation_time),
    -- A running timer whose breach fired has no breach_time any more; its deadline was the breach's due time.
    deadline_time = case when t.running_since is not null and t.closed_time is null then coalesce(t.breach_time,
        (select f.due_time from sla_firings f where f.timer_id = t.id and f.milestone = 'Breach'), t.running_since) end;

drop index sla_timers_reminder_due;
drop index sla_timers_breach_due;
drop index sla_timers_escalation_due;
alter table sla_timers
    drop column reminder_time,
    drop column breach_time,
    drop column escalation_time,
    drop column job_ids;

create index sla_timers_due on sla_timers (due_time) where due_time is not null;

-- Open work: the trigger is replaced by deltas written with each change (the writer knows each timer's stored key
-- and its new one) and folded in batches. A delta is written under its purpose only; folding and queries count it
-- under '' (any purpose) as well.
drop trigger open_task_rollups_on_insert on sla_timers;
drop trigger open_task_rollups_on_update on sla_timers;
drop function open_task_rollups_on_insert();
drop function open_task_rollups_on_update();
drop function open_task_rollups_move(sla_timers[], sla_timers[]);

create table open_task_deltas (
    id                 bigserial primary key,
    stage              text not null,
    body               text not null,
    purpose            text not null,
    open_month         date not null,
    clock_day          date,
    carried_half_days  integer not null,
    breached           boolean not null,
    change             integer not null
);

-- Folding leaves rows at zero behind for a moment; this finds them without reading the table.
create index open_task_rollups_empty on open_task_rollups (tasks) where tasks = 0;

-- Closed stage intervals not yet counted in turnaround_rollups and cohort_rollups. The facts themselves stay in
-- stage_intervals, insert-only.
create table stage_intervals_unfolded (
    task_id  uuid primary key references stage_intervals (task_id)
);

-- Arrivals (submissions) and completions (terminal states, with their lead time) not yet counted in
-- application_month_rollups.
create table application_month_deltas (
    id         bigserial primary key,
    month      date not null,
    purpose    text not null,
    arrivals   integer not null,
    lead_days  double precision
);

-- One Hangfire job per milestone is gone: remove the jobs that older brokers scheduled, so none is left orphaned.
do $$
begin
    if to_regclass('hangfire.job') is not null then
        create temporary table retired_jobs on commit drop as
            select id from hangfire.job
            where invocationdata::text like '%SlaMilestoneJob%' or invocationdata::text like '%SlaSweepJob%';
        delete from hangfire.jobqueue where jobid in (select id from retired_jobs);
        delete from hangfire.set where key = 'schedule' and value in (select id::text from retired_jobs);
        delete from hangfire.job where id in (select id from retired_jobs);
        delete from hangfire.set where key = 'recurring-jobs' and value = 'sla-sweeper';
        delete from hangfire.hash where key = 'recurring-job:sla-sweeper';
    end if;
end;
$$;
