-- Initial schema (PostgreSQL 13+: gen_random_uuid() is built in).
-- Timestamps are TIMESTAMP WITHOUT TIME ZONE holding UTC, as the contract
-- says; the store writes and reads them as ISO-8601 'YYYY-MM-DDTHH:MM:SSZ'.

CREATE TABLE repositories (
  id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  github_id  BIGINT UNIQUE,
  owner      TEXT NOT NULL,
  name       TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
-- GitHub names are case-insensitive: "Foo/Bar" and "foo/bar" are one repository.
CREATE UNIQUE INDEX repositories_lower_owner_name_key
  ON repositories (lower(owner), lower(name));

CREATE TABLE contributors (
  id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  github_id  BIGINT NOT NULL UNIQUE,
  login      TEXT,
  avatar_url TEXT,
  type       TEXT,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE pull_requests (
  id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  github_id        BIGINT NOT NULL UNIQUE,
  repository_id    UUID NOT NULL REFERENCES repositories (id),
  number           INTEGER NOT NULL,
  title            TEXT,
  body             TEXT,
  state            TEXT,
  draft            BOOLEAN,
  author_id        UUID REFERENCES contributors (id),
  created_at       TIMESTAMP,
  updated_at       TIMESTAMP,
  closed_at        TIMESTAMP,
  merged_at        TIMESTAMP,
  merge_commit_sha TEXT,
  head_ref         TEXT,
  base_ref         TEXT,
  html_url         TEXT,
  fetched_at       TIMESTAMP,
  UNIQUE (repository_id, number)
);
-- Foreign keys are not indexed implicitly; "PRs by author" needs this one.
CREATE INDEX pull_requests_author_id_idx ON pull_requests (author_id);

CREATE TABLE backfill_progress (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  repository_id         UUID NOT NULL UNIQUE REFERENCES repositories (id),
  last_processed_cursor TEXT,
  total_processed       INTEGER NOT NULL DEFAULT 0,
  total_expected        INTEGER,
  status                TEXT NOT NULL
    CHECK (status IN ('pending', 'in_progress', 'paused', 'completed', 'failed')),
  started_at            TIMESTAMP,
  updated_at            TIMESTAMP,
  completed_at          TIMESTAMP,
  last_error            TEXT,
  error_count           INTEGER NOT NULL DEFAULT 0,
  chunk_size            INTEGER
);

CREATE VIEW active_backfills AS
SELECT r.owner || '/' || r.name AS repository,
       p.total_processed,
       p.total_expected,
       p.status,
       p.started_at,
       p.updated_at,
       p.last_error,
       CASE WHEN p.total_expected > 0
            THEN round(100.0 * p.total_processed / p.total_expected, 1)
       END AS percent_complete
FROM backfill_progress p
JOIN repositories r ON r.id = p.repository_id
-- Unfinished backfills: running, paused (to be resumed), failed (to be retried)
-- or not yet started. Completed ones are done and drop out.
WHERE p.status <> 'completed';
