-- A one-time password (the first administrator's from `yiwang init`, or an admin's reset) must be changed at the
-- next sign-in; password_changed_at drives the optional expiry of the password policy.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN password_changed_at timestamptz;
