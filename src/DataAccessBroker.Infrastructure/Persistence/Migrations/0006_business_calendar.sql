-- Norwegian business days numbered in order (BusinessCalendar): the business days between two days are the
-- difference of their ordinals. Filled at start-up from the domain's holiday rules, the single source of them.
create table business_calendar (
    day      date primary key,
    ordinal  integer not null
);
