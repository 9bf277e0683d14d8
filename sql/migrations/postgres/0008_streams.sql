-- Repository-wide streams of a depth scope (the inline review comments of
-- GET /repos/{o}/{r}/pulls/comments, walked after the scope's PR pass): one
-- row per repository, scope and stream, its cursor written with each page's
-- rows.
CREATE TABLE backfill_streams (
  id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  repository_id  UUID NOT NULL REFERENCES repositories (id),
  scope          TEXT NOT NULL,
  stream         TEXT NOT NULL,
  -- The scope's PR pass reached its end (since the last --restart), with
  -- GitHub's count of PRs then: a resumed run goes straight to the stream.
  pass_ended     BOOLEAN NOT NULL DEFAULT false,
  pass_total     BIGINT NOT NULL DEFAULT 0,
  -- The stream reached the listing's end after that.
  ended          BOOLEAN NOT NULL DEFAULT false,
  -- The last page committed (0: none) and the largest id on it; a resume
  -- refetches that page (deletions shift later rows back).
  page           BIGINT NOT NULL DEFAULT 0,
  last_github_id BIGINT,
  rows_written   BIGINT NOT NULL DEFAULT 0,
  updated_at     TIMESTAMP,
  UNIQUE (repository_id, scope, stream)
);
