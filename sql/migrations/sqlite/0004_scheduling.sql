-- Scheduling: when a repository was last dispatched to GitHub Actions (so a
-- dispatched job that has not started yet is not dispatched again within the
-- stall window), and whether an inline run ran out of its budget (so the next
-- pass sends it to Actions instead).
ALTER TABLE repositories ADD COLUMN dispatched_at TIMESTAMP;
ALTER TABLE repositories ADD COLUMN prefer_actions BOOLEAN NOT NULL DEFAULT FALSE;
