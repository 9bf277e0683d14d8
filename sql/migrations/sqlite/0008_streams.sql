-- Repository-wide streams of a depth scope (the inline review comments of
-- GET /repos/{o}/{r}/pulls/comments, walked after the scope's PR pass): one
-- row per repository, scope and stream, its cursor written with each page's
-- rows. Same table and columns as PostgreSQL.
CREATE TABLE backfill_streams (
  id             TEXT PRIMARY KEY,
  repository_id  TEXT NOT NULL REFERENCES repositories (id),
  scope          TEXT NOT NULL,
  stream         TEXT NOT NULL,
  pass_ended     INTEGER NOT NULL DEFAULT 0,
  pass_total     INTEGER NOT NULL DEFAULT 0,
  ended          INTEGER NOT NULL DEFAULT 0,
  page           INTEGER NOT NULL DEFAULT 0,
  last_github_id INTEGER,
  rows_written   INTEGER NOT NULL DEFAULT 0,
  updated_at     TEXT,
  UNIQUE (repository_id, scope, stream)
);
