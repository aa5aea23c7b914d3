-- Supervision orders on supervised items (ADR 0014): an order names a case or an item, never both. Case orders keep
-- every rule they had (one open order per case and department); an item gets the same rule per item and department.
ALTER TABLE supervision_orders ALTER COLUMN case_id DROP NOT NULL;
ALTER TABLE supervision_orders ADD COLUMN item_id bigint REFERENCES items(id);
ALTER TABLE supervision_orders ADD CONSTRAINT supervision_orders_case_or_item CHECK ((case_id IS NULL) <> (item_id IS NULL));
CREATE INDEX supervision_orders_item_idx ON supervision_orders (item_id) WHERE item_id IS NOT NULL;
CREATE UNIQUE INDEX supervision_orders_item_one_open_idx ON supervision_orders (item_id, department_id) WHERE state <> 'closed' AND item_id IS NOT NULL;

-- The light sweep reads only the items whose light may have changed by now (like assignments.sla_check_at): the
-- earliest instant at which a milestone falls due or into its risk share, a report period falls due or the progress
-- falls behind plan, computed whenever the light is (domain/items/light.ts nextLightCheck). A new row is due at once.
ALTER TABLE items ADD COLUMN light_check_at timestamptz NOT NULL DEFAULT '-infinity';
CREATE INDEX items_light_check_idx ON items (light_check_at) WHERE state = 'in_progress';
