#pragma once
// The four statements of `backfill status` (store/row_mapping.hpp
// summary_from), the same for both engines but for how each reads the
// recent pace (SUMMARIES(where, order)) and spells a parameter (PARAM).
// "Active" is the filter of the active_backfills view; the orders are the
// view's (by "owner/name") and the table's (by owner, then name).
#define BACKFILL_SUMMARY_STATEMENTS(SUMMARIES, PARAM)                                              \
  inline constexpr const char* kActiveBackfills =                                                  \
      SUMMARIES("p.status <> 'completed'", "lower(r.owner || '/' || r.name)");                     \
  inline constexpr const char* kActiveBackfillOf =                                                 \
      SUMMARIES("p.status <> 'completed' AND lower(r.owner || '/' || r.name) = " PARAM, "p.id");   \
  inline constexpr const char* kAllBackfills = SUMMARIES("TRUE", "lower(r.owner), lower(r.name)"); \
  inline constexpr const char* kAllBackfillOf =                                                    \
      SUMMARIES("lower(r.owner || '/' || r.name) = " PARAM, "p.id");
