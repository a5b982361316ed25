-- Applications, their stage tasks and their append-only history; the catalog; idempotency keys.
create table catalog_data_sources (
    code          text primary key,
    display_name  text not null,
    owner_name    text not null,
    organisation  text not null,
    create_time   timestamptz not null default now()
);

create table catalog_rek_committees (
    code          text primary key,
    display_name  text not null,
    region        text not null,
    create_time   timestamptz not null default now()
);

create table applications (
    id                    uuid primary key,
    owner_subject         text not null,
    state                 text not null,
    return_stage          text,
    version               integer not null,
    event_count           integer not null,
    title                 text not null,
    summary               text not null,
    purpose               text not null,
    project_start         date,
    project_end           date,
    pi_name               text not null,
    pi_email              text not null,
    pi_institution        text not null,
    rek_committee         text not null,
    rek_reference         text not null,
    data_sources          jsonb not null,
    legal_basis           text not null,
    sources_linked        boolean not null,
    -- data source -> owner organisation, pinned at submission
    source_organisations  jsonb not null,
    create_time           timestamptz not null,
    update_time           timestamptz not null,
    submit_time           timestamptz
);

create index applications_by_owner on applications (owner_subject, create_time desc, id desc);
create index applications_by_time on applications (create_time desc, id desc);

create table stage_tasks (
    id              uuid primary key,
    application_id  uuid not null references applications (id),
    stage           text not null,
    organisation    text not null,
    data_source     text,
    status          text not null,
    version         integer not null,
    opened_time     timestamptz not null,
    closed_time     timestamptz,
    decided_by      text,
    comment         text,
    conditions      text
);

create index stage_tasks_by_application on stage_tasks (application_id);
create index stage_tasks_open_queue on stage_tasks (organisation, opened_time, id) where status = 'Open';

create table application_events (
    application_id      uuid not null references applications (id),
    sequence            integer not null,
    action              text not null,
    from_state          text not null,
    to_state            text not null,
    actor_subject       text not null,
    actor_name          text not null,
    actor_role          text not null,
    actor_organisation  text not null,
    task_id             uuid,
    comment             text,
    occur_time          timestamptz not null,
    primary key (application_id, sequence)
);

-- History is evidence: once written, an event is never changed or removed.
create function application_events_are_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'application_events is append-only';
end;
$$;

create trigger application_events_append_only
    before update or delete on application_events
    for each row execute function application_events_are_append_only();

create table idempotency_keys (
    caller_subject  text not null,
    request_id      uuid not null,
    request_hash    bytea not null,
    response        bytea,
    create_time     timestamptz not null default now(),
    primary key (caller_subject, request_id)
);
