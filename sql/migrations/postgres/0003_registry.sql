-- The registry: which repositories are scheduled ("tracked"), and GitHub's
-- pull request count as last seen, so that routing and scheduling can read
-- it without a request. Columns on repositories rather than a table of their
-- own: a repository is tracked or not, and untracking keeps every row.

ALTER TABLE repositories
  ADD COLUMN tracked BOOLEAN NOT NULL DEFAULT FALSE,
  -- When the repository was last put under tracking; NULL while untracked.
  ADD COLUMN tracked_at TIMESTAMP,
  -- GitHub's count (pulls, state=all) at github_count_checked_at.
  ADD COLUMN github_pull_count INTEGER,
  ADD COLUMN github_count_checked_at TIMESTAMP;

-- Every repository stored before the registry existed got there through a
-- backfill, and a backfill tracks its repository.
UPDATE repositories SET tracked = TRUE, tracked_at = created_at;

-- The scheduler lists tracked repositories in name order; untracked ones
-- (possibly many, kept for their data) stay out of the index.
CREATE INDEX repositories_tracked_idx ON repositories (lower(owner), lower(name)) WHERE tracked;
