-- Organisation history (一网覆盖): more kinds of unit, a public service phone, and every change to a unit kept with
-- the Beijing date it takes effect. A merged unit points at its successor, so names, routing and assessment can
-- follow it; a retired unit is never deleted (history names it).
ALTER TABLE departments DROP CONSTRAINT IF EXISTS departments_kind_check;
ALTER TABLE departments ADD CONSTRAINT departments_kind_check CHECK (kind IN (
  'office', 'city_department', 'utility', 'vertical', 'judicial', 'district', 'town', 'park', 'community'));
-- The official service number of the unit (not personal data: it is published).
ALTER TABLE departments ADD COLUMN phone text;
-- Set when the unit was merged into another; the successor takes its open work and its place in assessment.
ALTER TABLE departments ADD COLUMN successor_id integer REFERENCES departments(id);
-- The Beijing date the unit stopped working (merged or deactivated); null while active. Dates are kept as
-- 'YYYY-MM-DD' text (Beijing calendar days), the same on both engines and in JSON.
ALTER TABLE departments ADD COLUMN retired_on text CHECK (retired_on ~ '^\d{4}-\d{2}-\d{2}$');

CREATE TABLE department_changes (
  id             serial PRIMARY KEY,
  department_id  integer NOT NULL REFERENCES departments(id),
  change         text NOT NULL CHECK (change IN ('create', 'update', 'rename', 'move', 'merge', 'split', 'deactivate', 'reactivate', 'merged_in')),
  -- The Beijing date from which the change holds.
  effective_on   text NOT NULL CHECK (effective_on ~ '^\d{4}-\d{2}-\d{2}$'),
  before         jsonb,
  after          jsonb,
  -- merge: the unit that took this one's work; merged_in: the unit that was merged into this one.
  other_id       integer REFERENCES departments(id),
  -- split: the new units created from this one.
  new_ids        integer[] NOT NULL DEFAULT '{}',
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  recorded_by    integer REFERENCES users(id)
);
CREATE INDEX department_changes_department_idx ON department_changes (department_id, effective_on, id);
CREATE INDEX departments_successor_idx ON departments (successor_id) WHERE successor_id IS NOT NULL;
-- The organisation tree counts each unit's open cases on every load, and a merge finds the open assignments to move:
-- both read only open assignments, a small part of the table.
CREATE INDEX assignments_open_department_idx ON assignments (department_id, case_id) WHERE status IN ('pending', 'signed');
