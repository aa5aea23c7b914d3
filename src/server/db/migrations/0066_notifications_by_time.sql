-- The inbox lists a user's notices newest first by when they were made, not by row id: notices are not always
-- written in time order (a back-dated item notice, the demo's replayed history), and a list out of time order reads
-- as a bug. The index serves that order for one user's page, as notifications_user_idx served the id order.
CREATE INDEX notifications_user_time_idx ON notifications (user_id, created_at DESC, id DESC);
