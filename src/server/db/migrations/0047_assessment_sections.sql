-- Sections of an assessment snapshot beside the case scorecards (docs/assessment.md, "Items section"): the items
-- section (督办事项: reports on time and milestones met per lead unit) with the item-event cursor and the instant it was
-- counted at. NULL in snapshots made before sections existed: their digest stays the one they were published with.
ALTER TABLE assessment_periods ADD COLUMN sections jsonb;
