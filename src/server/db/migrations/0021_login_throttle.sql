-- Failure throttles shared by every server process: sign-in (per address, per account and address, per account) and
-- the tracking-link recovery (per address, per code and address, per code). One row per key: the failures counted
-- in the current window and, past the limit, the time the key is refused until. Both windows and blocks end by
-- themselves; ended rows are deleted now and then by the server.
CREATE TABLE failure_throttle (
  key           text PRIMARY KEY,
  window_end    timestamptz NOT NULL,
  failures      integer NOT NULL,
  blocked_until timestamptz
);
CREATE INDEX failure_throttle_blocked ON failure_throttle (blocked_until) WHERE blocked_until IS NOT NULL;

-- Security alerts to the administrators are inbox notices without a case or an event.
ALTER TABLE notifications ALTER COLUMN event_id DROP NOT NULL;
ALTER TABLE notifications ALTER COLUMN case_id DROP NOT NULL;
