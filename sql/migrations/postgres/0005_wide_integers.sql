-- Numbers and counts as 64-bit integers, as SQLite's INTEGER always stored
-- them, so that both engines keep (or refuse) exactly the same values: a
-- pull request number or a count above 2^31 no longer fails on PostgreSQL
-- alone. chunk_size (1-100) and exit_code stay INTEGER.
--
-- A column a view reads cannot change type: active_backfills is dropped and
-- created again exactly as 0002_run_metrics left it.
DROP VIEW active_backfills;

ALTER TABLE pull_requests ALTER COLUMN number TYPE BIGINT;
ALTER TABLE repositories ALTER COLUMN github_pull_count TYPE BIGINT;
ALTER TABLE backfill_progress
  ALTER COLUMN total_processed TYPE BIGINT,
  ALTER COLUMN total_expected TYPE BIGINT,
  ALTER COLUMN error_count TYPE BIGINT,
  ALTER COLUMN chunks_committed TYPE BIGINT;
ALTER TABLE backfill_runs
  ALTER COLUMN prs_stored TYPE BIGINT,
  ALTER COLUMN requests TYPE BIGINT,
  ALTER COLUMN retries TYPE BIGINT;
ALTER TABLE backfill_chunks
  ALTER COLUMN chunk_index TYPE BIGINT,
  ALTER COLUMN pr_count TYPE BIGINT,
  ALTER COLUMN requests TYPE BIGINT,
  ALTER COLUMN retries TYPE BIGINT,
  ALTER COLUMN rate_limit_remaining TYPE BIGINT;

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
       END AS percent_complete,
       p.resume_after,
       p.id AS backfill_id
FROM backfill_progress p
JOIN repositories r ON r.id = p.repository_id
-- Unfinished backfills: running, paused (to be resumed), failed (to be retried)
-- or not yet started. Completed ones are done and drop out.
WHERE p.status <> 'completed';
