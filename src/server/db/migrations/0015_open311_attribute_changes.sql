-- Who changed which Open311 service attribute, and how (the admin's console, docs/open311.md). One row per change:
-- the attribute before and after (NULL before a creation and after a deletion); a reorder stores the codes in their
-- old and new order. attribute_id has no foreign key: a deleted attribute's row is gone, its last state is here.
CREATE TABLE open311_attribute_changes (
  id            bigserial PRIMARY KEY,
  category_id   integer NOT NULL REFERENCES categories(id),
  attribute_id  integer,
  change        text NOT NULL CHECK (change IN ('created', 'updated', 'deleted', 'reordered')),
  before        jsonb,
  after         jsonb,
  changed_by    integer REFERENCES users(id),
  changed_at    timestamptz NOT NULL
);
CREATE INDEX open311_attribute_changes_category_idx ON open311_attribute_changes (category_id, id);
