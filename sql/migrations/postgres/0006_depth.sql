-- Depth (--with): what GraphQL brings about each pull request beyond the
-- REST listing, its reviews and comments, and the progress of each depth
-- scope apart from the list-only backfill (backfill_progress stays the
-- 'list' scope, unchanged).

ALTER TABLE pull_requests
  ADD COLUMN additions BIGINT,
  ADD COLUMN deletions BIGINT,
  ADD COLUMN changed_files BIGINT,
  ADD COLUMN commits_count BIGINT,
  -- Conversation comments (GraphQL PullRequest.comments).
  ADD COLUMN comments_count BIGINT,
  ADD COLUMN reviews_count BIGINT,
  ADD COLUMN merged_by_id UUID REFERENCES contributors (id),
  -- APPROVED, CHANGES_REQUESTED, REVIEW_REQUIRED; NULL when none.
  ADD COLUMN review_decision TEXT,
  ADD COLUMN details_fetched_at TIMESTAMP;

CREATE TABLE reviews (
  id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  github_id       BIGINT NOT NULL UNIQUE,
  pull_request_id UUID NOT NULL REFERENCES pull_requests (id),
  author_id       UUID REFERENCES contributors (id),  -- NULL: a deleted account
  state           TEXT NOT NULL,
  body            TEXT,
  submitted_at    TIMESTAMP
);
CREATE INDEX reviews_pull_request_id_idx ON reviews (pull_request_id);
CREATE INDEX reviews_author_id_idx ON reviews (author_id);

CREATE TABLE comments (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  github_id             BIGINT NOT NULL,
  kind                  TEXT NOT NULL CHECK (kind IN ('issue', 'review')),
  -- NULL until the pull request is stored (a stream listing comments
  -- repository-wide can be ahead of the PR stream): the row is kept and
  -- linked through repository_id and pull_request_number when it arrives.
  pull_request_id       UUID REFERENCES pull_requests (id),
  repository_id         UUID NOT NULL REFERENCES repositories (id),
  pull_request_number   BIGINT NOT NULL,
  author_id             UUID REFERENCES contributors (id),
  body                  TEXT,
  created_at            TIMESTAMP,
  updated_at            TIMESTAMP,
  -- Review comments only.
  path                  TEXT,
  line                  BIGINT,  -- NULL when outdated
  review_github_id      BIGINT,
  in_reply_to_github_id BIGINT,
  UNIQUE (kind, github_id)
);
CREATE INDEX comments_pull_request_id_idx ON comments (pull_request_id);
CREATE INDEX comments_author_id_idx ON comments (author_id);
CREATE INDEX comments_unlinked_idx ON comments (repository_id, pull_request_number)
  WHERE pull_request_id IS NULL;

-- One row per repository and depth scope (the sorted --with words, e.g.
-- 'comments,details,reviews'); the cursor is GraphQL's endCursor after the
-- last committed PR.
CREATE TABLE backfill_scopes (
  id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  repository_id    UUID NOT NULL REFERENCES repositories (id),
  scope            TEXT NOT NULL,
  cursor           TEXT,
  total_processed  BIGINT NOT NULL DEFAULT 0,
  total_expected   BIGINT,
  status           TEXT NOT NULL
    CHECK (status IN ('pending', 'in_progress', 'paused', 'completed', 'failed')),
  started_at       TIMESTAMP,
  updated_at       TIMESTAMP,
  completed_at     TIMESTAMP,
  last_error       TEXT,
  error_count      BIGINT NOT NULL DEFAULT 0,
  resume_after     TIMESTAMP,
  chunks_committed BIGINT NOT NULL DEFAULT 0,
  points_used      BIGINT NOT NULL DEFAULT 0,
  UNIQUE (repository_id, scope)
);

-- A depth chunk's metrics row belongs to its scope instead of the list
-- backfill, and records the GraphQL points it cost.
ALTER TABLE backfill_chunks
  ALTER COLUMN backfill_id DROP NOT NULL,
  ADD COLUMN scope_id UUID REFERENCES backfill_scopes (id) ON DELETE CASCADE,
  ADD COLUMN points BIGINT,
  ADD CONSTRAINT backfill_chunks_one_owner CHECK ((backfill_id IS NULL) <> (scope_id IS NULL)),
  ADD CONSTRAINT backfill_chunks_scope_index_key UNIQUE (scope_id, chunk_index);

-- The depth list a tracked repository is scheduled with (NULL: list only).
ALTER TABLE repositories ADD COLUMN backfill_with TEXT;
