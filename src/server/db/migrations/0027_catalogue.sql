-- The catalogue (问题类别) run by the city's administrators: groups and leaves with a default lead unit, default
-- co-handling units, the case types they accept (empty = any type; `kind` stays the default case type), free tags
-- (indicator tags are added later as tags too), active/inactive, and a history of every change with its effective
-- date. An inactive category is not offered for new cases but keeps its name for history and open cases.
ALTER TABLE categories
  ADD COLUMN is_active boolean NOT NULL DEFAULT true,
  ADD COLUMN co_department_ids integer[] NOT NULL DEFAULT '{}',
  ADD COLUMN accepted_kinds text[] NOT NULL DEFAULT '{}',
  ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

CREATE INDEX categories_parent_idx ON categories (parent_id);
CREATE INDEX categories_tags_idx ON categories USING gin (tags);

CREATE TABLE category_changes (
  id              bigserial PRIMARY KEY,
  category_id     integer NOT NULL REFERENCES categories(id),
  action          text NOT NULL CHECK (action IN ('create', 'update', 'move', 'deactivate', 'reactivate', 'import')),
  effective_date  date NOT NULL,
  reason          text,
  before          jsonb,
  after           jsonb,
  changed_by      integer REFERENCES users(id),
  changed_at      timestamptz NOT NULL
);
CREATE INDEX category_changes_category_idx ON category_changes (category_id, id);
