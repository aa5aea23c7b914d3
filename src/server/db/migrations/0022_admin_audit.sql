-- Administrative changes (安全审计): who changed what, when, from which address, before and after. One chain for
-- the whole platform: hash = sha256(prev_hash || canonical content), seq 1, 2, 3 … with no gaps. The head row is
-- locked by each writer, so concurrent changes from several processes still form one chain.
CREATE TABLE admin_audit (
  seq           bigint PRIMARY KEY,
  at            timestamptz NOT NULL,
  actor_user_id integer REFERENCES users(id),
  actor_name    text NOT NULL,
  address       text,
  action        text NOT NULL,
  target_type   text NOT NULL,
  target_id     text,
  target_name   text,
  before        jsonb,
  after         jsonb,
  prev_hash     text NOT NULL,
  hash          text NOT NULL
);
CREATE INDEX admin_audit_at_idx ON admin_audit (at);
CREATE INDEX admin_audit_target_idx ON admin_audit (target_type, target_id);
CREATE INDEX admin_audit_actor_idx ON admin_audit (actor_user_id);

CREATE TABLE admin_audit_head (
  id   integer PRIMARY KEY CHECK (id = 1),
  seq  bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO admin_audit_head (id, seq, hash) VALUES (1, 0, '');

-- Append-only: rows are never changed or removed by the application. (A superuser can still disable the trigger;
-- `yiwang audit verify` then finds the broken chain.)
CREATE FUNCTION admin_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'admin_audit is append-only';
END;
$$;
CREATE TRIGGER admin_audit_no_change BEFORE UPDATE OR DELETE ON admin_audit
  FOR EACH ROW EXECUTE FUNCTION admin_audit_append_only();
