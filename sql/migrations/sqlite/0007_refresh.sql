-- Incremental refresh: where the last refresh of a repository left each
-- scope ('list' for the REST listing; depth scopes add their own rows). The
-- watermark is the updated_at of the newest pull request seen when that
-- walk began; etag and last_modified are the validators of its first page,
-- sent back so that an unchanged repository answers 304. `changed` is the
-- number of pull requests the last refresh found new or updated.
CREATE TABLE refresh_state (
  repository_id TEXT NOT NULL REFERENCES repositories (id),
  scope         TEXT NOT NULL,
  refreshed_at  TEXT,
  watermark     TEXT,
  etag          TEXT,
  last_modified TEXT,
  changed       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (repository_id, scope)
);
