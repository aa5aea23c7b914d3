-- The hot-spot detection's thresholds as the supervision office sets them (docs/hotspots.md, "Thresholds"): one row,
-- absent until first saved (the code's defaults apply). Only the thresholds a person tunes are stored; the rest stay
-- parameters of the pure rules.
CREATE TABLE hotspot_params (
  id          integer PRIMARY KEY CHECK (id = 1),
  params      jsonb NOT NULL,
  updated_at  timestamptz NOT NULL,
  updated_by  integer REFERENCES users(id)
);
