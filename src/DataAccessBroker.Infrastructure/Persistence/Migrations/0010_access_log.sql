-- Who read which application (README, "Access log"; Normen, the Norwegian code of conduct for information security in
-- health and care, expects access logging of health information systems): one row per application whose content a
-- read returned to someone other than its applicant, written before the answer leaves. The broker's runtime role may
-- only read and append it, as the history (RuntimeRoleGrants).
create table application_access (
    id                  bigint generated always as identity primary key,
    -- No foreign key: its check would lock the application's row (FOR KEY SHARE) and make a read wait on a command
    -- holding it. A row is written only after the read found the application, and applications are never deleted.
    application_id      uuid not null,
    actor_subject       text not null,
    actor_name          text not null,
    actor_organisation  text not null,
    -- Every role the caller's token carried: a read is allowed by any of them.
    actor_roles         text[] not null,
    -- The RPC that returned the content, e.g. GetApplication.
    read                text not null,
    read_time           timestamptz not null default now()
);

create index application_access_by_application on application_access (application_id, read_time);
