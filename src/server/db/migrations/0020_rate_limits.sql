-- Public rate limits shared by every server process (the portal's and Open311's per-address limits). One row per
-- limit and client address: the window it counts in and the hits so far. A hit is one UPSERT ... RETURNING count;
-- a window that has ended starts again at the hit. Ended windows are deleted now and then by the server.
CREATE TABLE rate_limit_hits (
  key          text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  window_end   timestamptz NOT NULL,
  count        integer NOT NULL
);
CREATE INDEX rate_limit_hits_window_end ON rate_limit_hits (window_end);
