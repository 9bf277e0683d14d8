-- The registry: which repositories are scheduled ("tracked"), and GitHub's
-- pull request count as last seen, so that routing and scheduling can read
-- it without a request. Columns on repositories rather than a table of their
-- own: a repository is tracked or not, and untracking keeps every row.
-- Same columns as PostgreSQL.

ALTER TABLE repositories ADD COLUMN tracked BOOLEAN NOT NULL DEFAULT FALSE
  CHECK (tracked IN (0, 1));
-- When the repository was last put under tracking; NULL while untracked.
ALTER TABLE repositories ADD COLUMN tracked_at TEXT;
-- GitHub's count (pulls, state=all) at github_count_checked_at.
ALTER TABLE repositories ADD COLUMN github_pull_count INTEGER;
ALTER TABLE repositories ADD COLUMN github_count_checked_at TEXT;

-- Every repository stored before the registry existed got there through a
-- backfill, and a backfill tracks its repository.
UPDATE repositories SET tracked = TRUE, tracked_at = created_at;

-- The scheduler lists tracked repositories in name order; untracked ones
-- (possibly many, kept for their data) stay out of the index.
CREATE INDEX repositories_tracked_idx ON repositories (lower(owner), lower(name)) WHERE tracked;
