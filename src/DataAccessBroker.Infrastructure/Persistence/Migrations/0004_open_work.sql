-- Open work as rollups, so the backlog, the overdue counts and the censored cases of Kaplan-Meier are read from a
-- bounded number of rows rather than task by task. Each open stage-task timer carries its age in a form that adds up
-- (OpenTaskAge: the day its clock last started and the half days it had waited before) and whether its breach is on
-- record; statement triggers on sla_timers move each timer's count between rollup rows as it is written, in the same
-- transaction, so the rollups cannot drift from the timers.

-- Adding whole histograms: the rollup writers sum their changes first and then add them to the stored row once.
create function dab_histogram_add(a bigint[], b bigint[]) returns bigint[] language sql immutable strict parallel safe as $$
    select array_agg(x + y order by i) from unnest(a, b) with ordinality as u(x, y, i)
$$;

create aggregate dab_histogram_sum(bigint[]) (sfunc = dab_histogram_add, stype = bigint[]);

drop function dab_unit_histogram(integer);

-- Every closed-work and cohort rollup row is also counted under purpose '' (any purpose), so a query without a
-- purpose filter reads those rows alone. Rows written before this migration get theirs here.
insert into turnaround_rollups
select close_month, stage, body, '', dab_histogram_sum(business_hist), dab_histogram_sum(calendar_hist),
       sum(sum_business), sum(sum_calendar), sum(sum_applicant_wait), sum(within_sla)
from turnaround_rollups group by close_month, stage, body;

insert into cohort_rollups
select open_month, stage, body, '', dab_histogram_sum(completed_hist), dab_histogram_sum(cancelled_hist)
from cohort_rollups group by open_month, stage, body;

alter table sla_timers
    add column body_clock_day date,
    add column body_carried_half_days integer not null default 0,
    add column breached boolean not null default false;

-- Timers written before this migration: their breach from the record, their age counted from the day they started.
update sla_timers t set
    breached = exists (select 1 from sla_firings f where f.timer_id = t.id and f.milestone = 'Breach'),
    body_clock_day = (t.running_since at time zone 'Europe/Oslo')::date
where t.task_id is not null and t.closed_time is null;

create table open_task_rollups (
    stage              text not null,
    body               text not null,
    purpose            text not null,
    open_month         date not null,
    -- Null while the task is paused on the applicant: its age then stands still.
    clock_day          date,
    carried_half_days  integer not null,
    breached           boolean not null,
    tasks              bigint not null,
    unique nulls not distinct (stage, body, purpose, open_month, clock_day, carried_half_days, breached)
);

insert into open_task_rollups
select t.stage, coalesce(t.data_source, t.organisation), p.purpose,
       date_trunc('month', x.start_time at time zone 'Europe/Oslo')::date, x.body_clock_day,
       x.body_carried_half_days, x.breached, count(*)
from sla_timers x join stage_tasks t on t.id = x.task_id join applications a on a.id = x.application_id
cross join lateral (values (a.purpose), ('')) p(purpose)
where x.task_id is not null and x.closed_time is null
group by 1, 2, 3, 4, 5, 6, 7;

-- Moves counts: +1 on each added open timer's row, -1 on each removed one's. Rows are touched in key order so
-- concurrent writers never deadlock; rows that reach zero are removed so the table stays small.
create function open_task_rollups_move(added sla_timers[], removed sla_timers[]) returns void language plpgsql as $$
declare
    emptied tid[];
begin
    with changed as (
        insert into open_task_rollups as r
        select t.stage, coalesce(t.data_source, t.organisation), p.purpose,
               date_trunc('month', x.start_time at time zone 'Europe/Oslo')::date, x.body_clock_day,
               x.body_carried_half_days, x.breached, sum(x.change)
        from (select u.*, 1 as change from unnest(added) u
              union all
              select u.*, -1 from unnest(removed) u) x
        join stage_tasks t on t.id = x.task_id
        join applications a on a.id = x.application_id
        cross join lateral (values (a.purpose), ('')) p(purpose) -- '' counts every purpose, as in the other rollups
        where x.task_id is not null and x.closed_time is null
        group by 1, 2, 3, 4, 5, 6, 7
        having sum(x.change) <> 0
        order by 1, 2, 3, 4, 5, 6, 7
        on conflict (stage, body, purpose, open_month, clock_day, carried_half_days, breached)
            do update set tasks = r.tasks + excluded.tasks
        returning r.ctid, r.tasks)
    select array_agg(ctid) into emptied from changed where tasks = 0;
    if emptied is not null then
        delete from open_task_rollups where ctid = any(emptied);
    end if;
end;
$$;

create function open_task_rollups_on_insert() returns trigger language plpgsql as $$
begin
    perform open_task_rollups_move(array(select n::sla_timers from new_timers n), '{}'::sla_timers[]);
    return null;
end;
$$;

create function open_task_rollups_on_update() returns trigger language plpgsql as $$
begin
    perform open_task_rollups_move(array(select n::sla_timers from new_timers n), array(select o::sla_timers from old_timers o));
    return null;
end;
$$;

create trigger open_task_rollups_on_insert after insert on sla_timers
    referencing new table as new_timers
    for each statement execute function open_task_rollups_on_insert();

create trigger open_task_rollups_on_update after update on sla_timers
    referencing old table as old_timers new table as new_timers
    for each statement execute function open_task_rollups_on_update();
