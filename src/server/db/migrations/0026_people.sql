-- People (issue 11): several roles per person in one unit, the password policy and its history, notice preferences.

-- A person may hold several roles in their unit (handler and head, supervisor and admin). `role` stays as the primary
-- role (the first of `roles`) for the code and reports that read one; a trigger keeps the two in step, so a writer
-- that sets only `role` (the demo loader, `yiwang init`) gets roles = [role].
ALTER TABLE users ADD COLUMN roles text[] NOT NULL DEFAULT '{}';
UPDATE users SET roles = ARRAY[role];
ALTER TABLE users ADD CONSTRAINT users_roles_valid
  CHECK (roles <@ ARRAY['admin', 'intake', 'handler', 'head', 'supervisor', 'leader']::text[]);

CREATE FUNCTION yw_users_roles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(NEW.roles) = 0 THEN
    NEW.roles := ARRAY[NEW.role];
  ELSIF TG_OP = 'UPDATE' AND NEW.role IS DISTINCT FROM OLD.role AND NEW.roles = OLD.roles THEN
    NEW.roles := ARRAY[NEW.role] || array_remove(OLD.roles, NEW.role);
  ELSE
    NEW.role := NEW.roles[1];
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER users_roles BEFORE INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION yw_users_roles();
CREATE INDEX users_roles_idx ON users USING gin (roles);
CREATE INDEX users_department_idx ON users (department_id);

-- Which notices a person also gets outside the console (my account). The inbox always gets them.
ALTER TABLE users ADD COLUMN notify_email boolean NOT NULL DEFAULT true;
ALTER TABLE users ADD COLUMN notify_sms boolean NOT NULL DEFAULT true;
UPDATE users SET password_changed_at = created_at WHERE password_changed_at IS NULL;

-- The password policy (等保 level 3), one row, set by an administrator.
CREATE TABLE password_policy (
  id                integer PRIMARY KEY CHECK (id = 1),
  min_length        integer NOT NULL CHECK (min_length BETWEEN 8 AND 64),
  required_classes  text[] NOT NULL CHECK (required_classes <@ ARRAY['lower', 'upper', 'digit', 'symbol']::text[]),
  history_count     integer NOT NULL CHECK (history_count BETWEEN 0 AND 24),
  max_age_days      integer CHECK (max_age_days IS NULL OR max_age_days BETWEEN 1 AND 3650),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  updated_by        integer REFERENCES users(id)
);
INSERT INTO password_policy (id, min_length, required_classes, history_count, max_age_days)
VALUES (1, 8, ARRAY['lower', 'upper', 'digit'], 5, NULL);

-- Previous password hashes, so a new password may not repeat one of the last N.
CREATE TABLE password_history (
  id          bigserial PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES users(id),
  hash        text NOT NULL,
  changed_at  timestamptz NOT NULL
);
CREATE INDEX password_history_user_idx ON password_history (user_id, id DESC);
