#pragma once
// The contributors rows of a write's authors (of PRs, reviews, comments,
// merges): list chunks, depth chunks, refresh pages and stream pages all
// upsert them with sqlite_sql.hpp's kUpsertContributor, bound here once,
// inside the caller's write transaction.
#include <string>
#include <vector>

#include "store/chunk_rows.hpp"
#include "store/sqlite/sqlite_connection.hpp"
#include "store/sqlite/sqlite_sql.hpp"
#include "store/uuid.hpp"

namespace backfill::store::sqlite {

inline void upsert_contributors(Connection& db, UuidGenerator& uuids,
                                const std::vector<AuthorRow>& authors, const std::string& now) {
  for (const auto& author : authors) {
    db.query(sql::kUpsertContributor)
        .text(1, uuids.next())
        .integer(2, author.github_id)
        .text(3, author.login)
        .text(4, author.avatar_url)
        .text(5, author.type)
        .text(6, now)
        .run();
  }
}

}  // namespace backfill::store::sqlite
