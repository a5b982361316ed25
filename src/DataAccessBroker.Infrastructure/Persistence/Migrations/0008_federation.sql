-- Broker nodes (see docs/federation.md): each data source belongs to a node; peers' catalogs are mirrored; an
-- application homed here may ask for other nodes' sources (peer assessments), and a part forwarded by another node
-- is an application here with an origin. Messages between nodes go through an outbox written in the transaction of
-- the change that causes them, and an inbox that deduplicates them and applies each application's messages in order.

-- Every source so far was Norway's.
alter table catalog_data_sources add column node text;
update catalog_data_sources set node = 'no';
alter table catalog_data_sources alter column node set not null;

-- What this node knows of each configured peer: when its catalog was last mirrored, and how its link fares.
create table federation_peers (
    code                  text primary key,
    catalog_refresh_time  timestamptz,
    last_success_time     timestamptz,
    last_failure_time     timestamptz,
    last_error            text
);

alter table applications
    -- Other nodes' sources of this application → their node, pinned at submission.
    add column source_nodes jsonb not null default '{}',
    -- For a part forwarded by another node: the home node and the application's id there.
    add column origin_node text,
    add column origin_application uuid;

create unique index applications_by_origin on applications (origin_node, origin_application)
    where origin_node is not null;

-- A task decided or delivered by another node (peer assessment, peer delivery): that node.
alter table stage_tasks add column node text;

-- Messages to peers. A stream is (peer, application at its home node); sequence numbers count within it, and the
-- dispatcher sends a message only when every earlier one of its stream is acknowledged.
create table node_outbox (
    id                 bigserial primary key,
    peer               text not null,
    home_application   uuid not null,
    sequence           integer not null,
    message_id         uuid not null unique,
    kind               text not null,
    payload            jsonb not null,
    create_time        timestamptz not null,
    sent_time          timestamptz,
    attempts           integer not null default 0,
    next_attempt_time  timestamptz not null,
    last_error         text,
    unique (peer, home_application, sequence)
);

create index node_outbox_pending on node_outbox (next_attempt_time, id) where sent_time is null;

-- Messages from peers, kept once by id; applied_time is null while one waits for an earlier one of its stream.
create table node_inbox (
    sender             text not null,
    message_id         uuid not null,
    home_application   uuid not null,
    sequence           integer not null,
    kind               text not null,
    payload            jsonb not null,
    received_time      timestamptz not null,
    applied_time       timestamptz,
    primary key (sender, message_id),
    unique (sender, home_application, sequence)
);

-- The last message applied per stream: its row lock orders concurrent deliveries of one stream.
create table node_streams (
    sender             text not null,
    home_application   uuid not null,
    last_applied       integer not null,
    primary key (sender, home_application)
);
