-- SLA timers: the truth about every deadline, written in the same transaction as the stage change that moves it.
create table sla_timers (
    id              uuid primary key,
    application_id  uuid not null references applications (id),
    subject         text not null,
    task_id         uuid references stage_tasks (id),
    waiting_on      text not null,
    clock           text not null,
    allowance_us    bigint not null,
    start_time      timestamptz not null,
    consumed_us     bigint not null,
    running_since   timestamptz,
    closed_time     timestamptz,
    -- When each milestone falls while the timer runs and has not fired; null otherwise. Derived, kept for the sweeper.
    reminder_time   timestamptz,
    breach_time     timestamptz,
    escalation_time timestamptz,
    -- The Hangfire jobs scheduled for the milestones, so a pause or close can remove them.
    job_ids         text[] not null default '{}'
);

create index sla_timers_by_application on sla_timers (application_id);
create index sla_timers_reminder_due on sla_timers (reminder_time) where reminder_time is not null;
create index sla_timers_breach_due on sla_timers (breach_time) where breach_time is not null;
create index sla_timers_escalation_due on sla_timers (escalation_time) where escalation_time is not null;

create table sla_timer_pauses (
    timer_id      uuid not null references sla_timers (id),
    paused_time   timestamptz not null,
    resumed_time  timestamptz,
    primary key (timer_id, paused_time)
);

-- One row per (timer, milestone), ever: the key makes a second reminder, breach or escalation impossible.
create table sla_firings (
    timer_id    uuid not null references sla_timers (id),
    milestone   text not null,
    due_time    timestamptz not null,
    fired_time  timestamptz not null,
    primary key (timer_id, milestone)
);

-- The notification sink: an outbox that e-mail or webhook senders can drain later.
create table notifications (
    id              bigserial primary key,
    application_id  uuid not null references applications (id),
    task_id         uuid,
    kind            text not null,
    recipient       text not null,
    message         text not null,
    create_time     timestamptz not null,
    sent_time       timestamptz
);

create index notifications_unsent on notifications (id) where sent_time is null;
