-- A tamper-evident history (README, "Storage"; `dab audit verify`): each event carries a SHA-256 hash of its own
-- content chained to the hash of the event before it in its application, so that changing or removing an event (even
-- as a superuser, past the append-only trigger) breaks the chain from there on. The hash is computed here, by the database, as each row
-- is inserted: every writer (commands, node messages, the simulator's bulk load) goes through it.

-- The content an event's hash covers: every column, in a fixed order and encoding, null told apart from empty.
create function application_event_content(e application_events) returns bytea
language sql stable as $$
    select convert_to(concat_ws(chr(31),
        e.application_id::text, e.sequence::text, e.action, e.from_state, e.to_state, e.actor_subject, e.actor_name,
        e.actor_role, e.actor_organisation, coalesce(e.task_id::text, chr(30)), coalesce(e.comment, chr(30)),
        to_char(e.occur_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')), 'UTF8')
$$;

alter table application_events add column hash bytea;

-- Rows inserted earlier in the same statement are visible to a row-level BEFORE trigger, so a batch of events of one
-- application (inserted in sequence order) chains within the batch too.
create function application_events_chain() returns trigger language plpgsql as $$
declare
    previous bytea;
begin
    select hash into previous from application_events
    where application_id = new.application_id and sequence = new.sequence - 1;
    new.hash := sha256(coalesce(previous, '\x'::bytea) || application_event_content(new));
    return new;
end;
$$;

-- The history written so far, chained in order (the append-only trigger steps aside for this once).
alter table application_events disable trigger application_events_append_only;
do $$
declare
    e application_events;
    previous bytea;
    last_application uuid;
begin
    for e in select * from application_events order by application_id, sequence loop
        if last_application is distinct from e.application_id then
            previous := '\x'::bytea;
            last_application := e.application_id;
        end if;
        previous := sha256(previous || application_event_content(e));
        update application_events set hash = previous
        where application_id = e.application_id and sequence = e.sequence;
    end loop;
end;
$$;
alter table application_events enable trigger application_events_append_only;

alter table application_events alter column hash set not null;

create trigger application_events_chain
    before insert on application_events
    for each row execute function application_events_chain();
