#pragma once
// A write's comment rows (store/deep_rows.hpp's CommentRow) as PostgreSQL
// array literals, one per column, for the batched upserts of depth chunks
// (postgres_depth.cpp) and of stream pages (postgres_streams.cpp), which
// bind the same columns (a stream's comments link to their PR by number
// only, so its statement leaves `pulls` out).
#include <vector>

#include "store/deep_rows.hpp"
#include "store/postgres/pg_array_literal.hpp"

namespace backfill::store::postgres {

struct CommentArrays {
  explicit CommentArrays(const std::vector<CommentRow>& rows) {
    for (const auto& c : rows) {
      ids.add_int(c.github_id);
      kinds.add_text(c.kind);
      pulls.add_int(c.pull_github_id);
      numbers.add_int(c.pull_number);
      authors.add_int(c.author_github_id);
      bodies.add_text(c.body);
      created.add_text(c.created_at);
      updated.add_text(c.updated_at);
      paths.add_text(c.path);
      lines.add_int(c.line);
      review_ids.add_int(c.review_github_id);
      replies.add_int(c.in_reply_to_github_id);
    }
  }

  ArrayLiteral ids, kinds, pulls, numbers, authors, bodies, created, updated, paths, lines,
      review_ids, replies;
};

}  // namespace backfill::store::postgres
