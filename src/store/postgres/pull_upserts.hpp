#pragma once
// The authors and PR rows of a chunk (store/chunk_rows.hpp) as the array
// parameters of the prepared upserts `upsert_contributors` and
// `upsert_pulls` (postgres_sql.hpp). List chunks, depth chunks and refresh
// pages all write PR rows the same way; this is the one place that binds
// them, so a new column is added once.
#include <cstdint>
#include <string>

#include <pqxx/pqxx>

#include "store/chunk_rows.hpp"
#include "store/postgres/pg_array_literal.hpp"

namespace backfill::store::postgres {

struct PullArrays {
  explicit PullArrays(const ChunkRows& rows);

  ArrayLiteral author_ids, logins, avatars, types;
  ArrayLiteral ids, numbers, titles, bodies, states, drafts, authors, created, updated, closed,
      merged, shas, heads, bases, urls;
};

// Every author of `rows`; no statement when there is none.
void upsert_contributors(pqxx::work& tx, const PullArrays& arrays, const ChunkRows& rows);

// Every PR of `rows` into `repository_id`; returns how many were new (0
// and no statement when there is none).
std::int64_t upsert_pulls(pqxx::work& tx, const std::string& repository_id,
                          const PullArrays& arrays, const ChunkRows& rows);

}  // namespace backfill::store::postgres
