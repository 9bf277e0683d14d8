-- When the rate-limit budget a chunk saw resets (the x-ratelimit-reset, or
-- GraphQL's resetAt, of the last reply before it was committed), beside
-- rate_limit_remaining: `backfill serve` shows it while a backfill runs,
-- not only once a run has paused for it. NULL when no reply said. Same
-- column as PostgreSQL.
ALTER TABLE backfill_chunks ADD COLUMN rate_limit_reset_at TEXT;
