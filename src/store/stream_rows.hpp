#pragma once
// What both engines write for a page of a repository-wide comment stream,
// made safe as store/deep_rows.hpp makes a depth chunk: NUL stripped,
// timestamps checked, duplicates collapsed, rows ordered by github_id.
#include <vector>

#include "backfill/core/pull_request_depth.hpp"
#include "store/chunk_rows.hpp"
#include "store/deep_rows.hpp"

namespace backfill::store {

struct StreamRows {
  std::vector<AuthorRow> authors;    // distinct, by github_id
  std::vector<CommentRow> comments;  // distinct by (kind, github_id); pull_github_id unused
};

// Throws FatalError naming the comment and its PR for a timestamp not in
// the stored form.
StreamRows stream_rows(const std::vector<RepositoryComment>& comments);

}  // namespace backfill::store
