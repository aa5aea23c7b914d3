-- Open311 GeoReport v2 (see docs/open311.md): API keys of client systems, service attributes, and the requests
-- each key sent. Keys are stored as SHA-256 hashes; the key itself is shown once when it is created.
CREATE TABLE open311_api_keys (
  id            serial PRIMARY KEY,
  name          text NOT NULL,
  key_prefix    text NOT NULL,
  key_hash      text NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL,
  created_by    integer REFERENCES users(id),
  last_used_at  timestamptz,
  request_count integer NOT NULL DEFAULT 0,
  revoked_at    timestamptz,
  revoked_by    integer REFERENCES users(id)
);
-- One active key per client name; a revoked key keeps its name in the history.
CREATE UNIQUE INDEX open311_api_keys_active_name_idx ON open311_api_keys (name) WHERE revoked_at IS NULL;

-- Extra questions a service (a leaf category) asks, published in the service definition.
CREATE TABLE open311_service_attributes (
  id                    serial PRIMARY KEY,
  category_id           integer NOT NULL REFERENCES categories(id),
  code                  text NOT NULL,
  datatype              text NOT NULL CHECK (datatype IN ('string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist')),
  required              boolean NOT NULL DEFAULT false,
  variable              boolean NOT NULL DEFAULT true,
  description           text NOT NULL,
  datatype_description  text NOT NULL DEFAULT '',
  sort_order            integer NOT NULL DEFAULT 0,
  value_list            jsonb NOT NULL DEFAULT '[]',
  UNIQUE (category_id, code)
);

-- A case that arrived through Open311: which key (client) sent it, the token the client may resolve later, and
-- the fields of the request that have no column on cases.
CREATE TABLE open311_requests (
  case_id         bigint PRIMARY KEY REFERENCES cases(id),
  api_key_id      integer NOT NULL REFERENCES open311_api_keys(id),
  token           text NOT NULL UNIQUE,
  lat             double precision,
  long            double precision,
  address_string  text,
  email           text,
  device_id       text,
  account_id      text,
  media_url       text,
  attributes      jsonb NOT NULL DEFAULT '{}',
  created_at      timestamptz NOT NULL
);
CREATE INDEX open311_requests_key_idx ON open311_requests (api_key_id, created_at);
