-- Shipped as a migration what was once an edit to 0001 (restored): drop the indexes no query uses (category,
-- district, event time). Lists are newest first and keyset-paged on (created_at, id); views filter by status,
-- departments by lead. A database created from the edited 0001 never had these indexes, hence IF EXISTS.
DROP INDEX IF EXISTS cases_category_idx;
DROP INDEX IF EXISTS cases_district_idx;
DROP INDEX IF EXISTS case_events_at_idx;
