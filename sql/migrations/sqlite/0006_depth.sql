-- Depth (--with): what GraphQL brings about each pull request beyond the
-- REST listing, its reviews and comments, and the progress of each depth
-- scope apart from the list-only backfill (backfill_progress stays the
-- 'list' scope, unchanged). Same tables and columns as PostgreSQL.

ALTER TABLE pull_requests ADD COLUMN additions INTEGER;
ALTER TABLE pull_requests ADD COLUMN deletions INTEGER;
ALTER TABLE pull_requests ADD COLUMN changed_files INTEGER;
ALTER TABLE pull_requests ADD COLUMN commits_count INTEGER;
ALTER TABLE pull_requests ADD COLUMN comments_count INTEGER;
ALTER TABLE pull_requests ADD COLUMN reviews_count INTEGER;
ALTER TABLE pull_requests ADD COLUMN merged_by_id TEXT REFERENCES contributors (id);
ALTER TABLE pull_requests ADD COLUMN review_decision TEXT;
ALTER TABLE pull_requests ADD COLUMN details_fetched_at TEXT;

CREATE TABLE reviews (
  id              TEXT PRIMARY KEY,
  github_id       INTEGER NOT NULL UNIQUE,
  pull_request_id TEXT NOT NULL REFERENCES pull_requests (id),
  author_id       TEXT REFERENCES contributors (id),
  state           TEXT NOT NULL,
  body            TEXT,
  submitted_at    TEXT
);
CREATE INDEX reviews_pull_request_id_idx ON reviews (pull_request_id);
CREATE INDEX reviews_author_id_idx ON reviews (author_id);

CREATE TABLE comments (
  id                    TEXT PRIMARY KEY,
  github_id             INTEGER NOT NULL,
  kind                  TEXT NOT NULL CHECK (kind IN ('issue', 'review')),
  pull_request_id       TEXT REFERENCES pull_requests (id),
  repository_id         TEXT NOT NULL REFERENCES repositories (id),
  pull_request_number   INTEGER NOT NULL,
  author_id             TEXT REFERENCES contributors (id),
  body                  TEXT,
  created_at            TEXT,
  updated_at            TEXT,
  path                  TEXT,
  line                  INTEGER,
  review_github_id      INTEGER,
  in_reply_to_github_id INTEGER,
  UNIQUE (kind, github_id)
);
CREATE INDEX comments_pull_request_id_idx ON comments (pull_request_id);
CREATE INDEX comments_author_id_idx ON comments (author_id);
CREATE INDEX comments_unlinked_idx ON comments (repository_id, pull_request_number)
  WHERE pull_request_id IS NULL;

CREATE TABLE backfill_scopes (
  id               TEXT PRIMARY KEY,
  repository_id    TEXT NOT NULL REFERENCES repositories (id),
  scope            TEXT NOT NULL,
  cursor           TEXT,
  total_processed  INTEGER NOT NULL DEFAULT 0,
  total_expected   INTEGER,
  status           TEXT NOT NULL
    CHECK (status IN ('pending', 'in_progress', 'paused', 'completed', 'failed')),
  started_at       TEXT,
  updated_at       TEXT,
  completed_at     TEXT,
  last_error       TEXT,
  error_count      INTEGER NOT NULL DEFAULT 0,
  resume_after     TEXT,
  chunks_committed INTEGER NOT NULL DEFAULT 0,
  points_used      INTEGER NOT NULL DEFAULT 0,
  UNIQUE (repository_id, scope)
);

-- SQLite cannot drop NOT NULL in place: backfill_chunks (which nothing
-- references) is rebuilt with backfill_id nullable, scope_id and points.
CREATE TABLE backfill_chunks_new (
  id                   TEXT PRIMARY KEY,
  backfill_id          TEXT REFERENCES backfill_progress (id) ON DELETE CASCADE,
  repository_id        TEXT NOT NULL REFERENCES repositories (id),
  run_id               TEXT REFERENCES backfill_runs (id) ON DELETE SET NULL,
  chunk_index          INTEGER NOT NULL,
  cursor               TEXT NOT NULL,
  pr_count             INTEGER NOT NULL,
  chunk_size           INTEGER NOT NULL,
  requests             INTEGER NOT NULL,
  retries              INTEGER NOT NULL,
  rate_limit_remaining INTEGER,
  duration_ms          INTEGER NOT NULL,
  ran_at               TEXT NOT NULL,
  scope_id             TEXT REFERENCES backfill_scopes (id) ON DELETE CASCADE,
  points               INTEGER,
  CHECK ((backfill_id IS NULL) <> (scope_id IS NULL)),
  UNIQUE (backfill_id, chunk_index),
  UNIQUE (scope_id, chunk_index)
);
INSERT INTO backfill_chunks_new
  (id, backfill_id, repository_id, run_id, chunk_index, cursor, pr_count, chunk_size, requests,
   retries, rate_limit_remaining, duration_ms, ran_at)
SELECT id, backfill_id, repository_id, run_id, chunk_index, cursor, pr_count, chunk_size,
       requests, retries, rate_limit_remaining, duration_ms, ran_at
FROM backfill_chunks;
DROP TABLE backfill_chunks;
ALTER TABLE backfill_chunks_new RENAME TO backfill_chunks;
CREATE INDEX backfill_chunks_run_id_idx ON backfill_chunks (run_id);

ALTER TABLE repositories ADD COLUMN backfill_with TEXT;
