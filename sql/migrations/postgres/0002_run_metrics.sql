-- Run and chunk metrics: one row per invocation (backfill_runs) and one per
-- committed chunk (backfill_chunks), so an operator can see how each run
-- went and how fast a backfill is moving, with plain SQL.

-- Set when a run pauses until a rate-limit reset; cleared by the next run.
ALTER TABLE backfill_progress ADD COLUMN resume_after TIMESTAMP;
-- Chunks committed so far, across all runs: the next chunk's chunk_index is
-- this plus one, taken from the row each chunk updates anyway (no max()).
ALTER TABLE backfill_progress ADD COLUMN chunks_committed INTEGER NOT NULL DEFAULT 0;

CREATE TABLE backfill_runs (
  id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  -- NULL while the repository is not yet known (or after it is deleted);
  -- `repository` keeps the name as asked either way.
  repository_id      UUID REFERENCES repositories (id) ON DELETE SET NULL,
  repository         TEXT NOT NULL,
  trigger            TEXT NOT NULL,
  run_url            TEXT,
  started_at         TIMESTAMP NOT NULL,
  ended_at           TIMESTAMP,
  status             TEXT,
  exit_code          INTEGER,
  prs_stored         INTEGER NOT NULL DEFAULT 0,
  requests           INTEGER NOT NULL DEFAULT 0,
  retries            INTEGER NOT NULL DEFAULT 0,
  rate_limit_wait_ms BIGINT NOT NULL DEFAULT 0,
  error              TEXT
);
CREATE INDEX backfill_runs_repository_id_started_at_idx
  ON backfill_runs (repository_id, started_at);

CREATE TABLE backfill_chunks (
  id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  backfill_id          UUID NOT NULL REFERENCES backfill_progress (id) ON DELETE CASCADE,
  repository_id        UUID NOT NULL REFERENCES repositories (id),
  run_id               UUID REFERENCES backfill_runs (id) ON DELETE SET NULL,
  chunk_index          INTEGER NOT NULL,  -- 1, 2, 3 ... within the backfill, across runs
  cursor               TEXT NOT NULL,
  pr_count             INTEGER NOT NULL,
  chunk_size           INTEGER NOT NULL,
  requests             INTEGER NOT NULL,
  retries              INTEGER NOT NULL,
  rate_limit_remaining INTEGER,
  duration_ms          BIGINT NOT NULL,
  ran_at               TIMESTAMP NOT NULL,
  -- Also the index that "the last N chunks of a backfill" reads backwards.
  UNIQUE (backfill_id, chunk_index)
);
-- Pruning old runs sets run_id to NULL here; without an index each deleted
-- run would scan the whole table.
CREATE INDEX backfill_chunks_run_id_idx ON backfill_chunks (run_id);

-- The contract columns unchanged, plus resume_after and the backfill's id
-- (to join backfill_chunks) at the end, where CREATE OR REPLACE allows them.
CREATE OR REPLACE VIEW active_backfills AS
SELECT r.owner || '/' || r.name AS repository,
       p.total_processed,
       p.total_expected,
       p.status,
       p.started_at,
       p.updated_at,
       p.last_error,
       CASE WHEN p.total_expected > 0
            THEN round(100.0 * p.total_processed / p.total_expected, 1)
       END AS percent_complete,
       p.resume_after,
       p.id AS backfill_id
FROM backfill_progress p
JOIN repositories r ON r.id = p.repository_id
-- Unfinished backfills: running, paused (to be resumed), failed (to be retried)
-- or not yet started. Completed ones are done and drop out.
WHERE p.status <> 'completed';
