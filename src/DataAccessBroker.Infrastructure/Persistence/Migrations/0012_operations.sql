-- The admin's operations view (OperationsService): the milestones on record newest first, keyset-paged on
-- (fired_time, timer_id, milestone); the filter on one milestone reads the same index. The notification outbox is
-- listed by its key, newest first, and its unsent part by notifications_unsent (0002).
create index sla_firings_by_fired_time on sla_firings (fired_time desc, timer_id desc, milestone desc);
