#pragma once
// The dashboard's statements (dashboard_reader.hpp), for both engines: they
// differ in how a timestamp reads as ISO-8601 text (ISO) and how a
// parameter is spelled (PARAM). Every statement is a plain read: no lock,
// no temporary table, nothing a read-only connection would refuse.
#define BACKFILL_DASHBOARD_STATEMENTS(ISO, PARAM) \
  inline constexpr backfill::store::dashboard::Statements kDashboard{                         \
      /* rows */                                                                              \
      "SELECT r.id, r.owner || '/' || r.name, r.github_id,"                                   \
      " CASE WHEN r.tracked THEN 1 ELSE 0 END, r.github_pull_count,"                          \
      " CASE WHEN p.id IS NULL THEN 0 ELSE 1 END, p.total_processed, p.total_expected,"       \
      " p.status, " ISO("p.started_at") ", " ISO("p.updated_at") ", " ISO("p.completed_at")   \
      ", p.last_error, p.error_count, " ISO("p.resume_after") ", p.last_processed_cursor,"    \
      " p.chunks_committed, " ISO("f.refreshed_at") ", f.changed"                              \
      " FROM repositories r LEFT JOIN backfill_progress p ON p.repository_id = r.id"          \
      " LEFT JOIN refresh_state f ON f.repository_id = r.id AND f.scope = 'list'"             \
      " WHERE r.tracked OR p.id IS NOT NULL OR EXISTS (SELECT 1 FROM backfill_scopes s"          \
      "  WHERE s.repository_id = r.id) ORDER BY lower(r.owner), lower(r.name)",                \
      /* pace: chunk_index counts 1, 2, ... up to chunks_committed */                         \
      "SELECT p.repository_id, count(*), sum(c.pr_count), sum(c.requests),"                   \
      " sum(c.duration_ms) FROM backfill_progress p JOIN backfill_chunks c"                   \
      " ON c.backfill_id = p.id AND c.chunk_index > p.chunks_committed - 50"                  \
      " GROUP BY p.repository_id",                                                            \
      /* chunk_totals */                                                                      \
      "SELECT repository_id, sum(requests), sum(retries) FROM backfill_chunks"                \
      " GROUP BY repository_id",                                                              \
      /* latest_chunks */                                                                     \
      "SELECT p.repository_id, c.rate_limit_remaining, " ISO("c.ran_at") ","                  \
      " " ISO("c.rate_limit_reset_at") " FROM backfill_progress p JOIN backfill_chunks c"     \
      " ON c.backfill_id = p.id AND c.chunk_index = p.chunks_committed",                      \
      /* latest_runs: newest first per repository */                                          \
      "SELECT b.repository_id, b.repository, b.trigger, b.run_url, " ISO("b.started_at") ","  \
      " " ISO("b.ended_at") ", b.status, b.exit_code, b.prs_stored, b.requests, b.retries,"   \
      " b.rate_limit_wait_ms, b.error FROM backfill_runs b"                                   \
      " WHERE b.repository_id IS NOT NULL AND b.started_at = (SELECT max(l.started_at)"       \
      "  FROM backfill_runs l WHERE l.repository_id = b.repository_id)",                      \
      /* runs_by_status */                                                                    \
      "SELECT coalesce(status, 'running'), count(*), sum(prs_stored), sum(requests),"         \
      " sum(retries), sum(rate_limit_wait_ms) FROM backfill_runs"                             \
      " GROUP BY coalesce(status, 'running') ORDER BY 1",                                     \
      /* chunks_of: newest first */                                                           \
      "SELECT c.chunk_index, c.pr_count, c.chunk_size, c.requests, c.retries,"                \
      " c.rate_limit_remaining, c.duration_ms, " ISO("c.ran_at")                              \
      " FROM backfill_chunks c JOIN repositories r ON r.id = c.repository_id"                 \
      " WHERE c.backfill_id IS NOT NULL AND lower(r.owner || '/' || r.name) = " PARAM         \
      " ORDER BY c.chunk_index DESC LIMIT 2000",                                              \
      /* runs_of: newest first */                                                             \
      "SELECT b.repository, b.trigger, b.run_url, " ISO("b.started_at") ","                   \
      " " ISO("b.ended_at") ", b.status, b.exit_code, b.prs_stored, b.requests, b.retries,"   \
      " b.rate_limit_wait_ms, b.error FROM backfill_runs b"                                   \
      " JOIN repositories r ON r.id = b.repository_id"                                        \
      " WHERE lower(r.owner || '/' || r.name) = " PARAM                                       \
      " ORDER BY b.started_at DESC LIMIT 50",                                                 \
      /* scopes */                                                                            \
      "SELECT s.id, r.owner || '/' || r.name, r.github_id, s.scope, s.total_processed,"       \
      " s.total_expected, s.status, " ISO("s.started_at") ", " ISO("s.updated_at") ","        \
      " " ISO("s.completed_at") ", s.last_error, s.error_count, " ISO("s.resume_after") ","   \
      " s.chunks_committed, s.points_used FROM backfill_scopes s"                             \
      " JOIN repositories r ON r.id = s.repository_id"                                        \
      " ORDER BY lower(r.owner), lower(r.name), s.scope",                                     \
      /* latest_scope_chunks */                                                               \
      "SELECT s.id, c.rate_limit_remaining, " ISO("c.ran_at") ","                             \
      " " ISO("c.rate_limit_reset_at") " FROM backfill_scopes s JOIN backfill_chunks c"       \
      " ON c.scope_id = s.id AND c.chunk_index = s.chunks_committed",                         \
      /* scope_chunks_of: the latest 2000 of each scope, newest first */                      \
      "SELECT s.scope, c.chunk_index, c.pr_count, c.chunk_size, c.requests, c.retries,"       \
      " c.rate_limit_remaining, c.duration_ms, " ISO("c.ran_at") ", c.points"                 \
      " FROM backfill_chunks c JOIN backfill_scopes s ON s.id = c.scope_id"                   \
      " JOIN repositories r ON r.id = s.repository_id"                                        \
      " WHERE lower(r.owner || '/' || r.name) = " PARAM                                       \
      " AND c.chunk_index > s.chunks_committed - 2000"                                        \
      " ORDER BY s.scope, c.chunk_index DESC",                                                \
  };
