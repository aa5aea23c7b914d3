-- The SLA sweep inserts every crossing it finds (tens of thousands in one sweep over a large backlog, issue 16 item
-- 12; ADR 27). sla_crossings_department_idx (department_id, crossed_at DESC, since 0003) has no reader: the dashboard
-- reads red crossings by deadline through its own partial indexes (0007), a case's crossings come through
-- sla_crossings_case_idx, and nothing filters or orders crossings by crossed_at. Each insert paid for its entry.
DROP INDEX IF EXISTS sla_crossings_department_idx;
