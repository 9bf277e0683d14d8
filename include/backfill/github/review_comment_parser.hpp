#pragma once
// Parsing GitHub's "Pull Request Review Comment" (GET
// /repos/{o}/{r}/pulls/comments, the repository-wide listing) into the
// domain Comment (core/pull_request_depth.hpp) with kind review, and the
// number of the pull request it belongs to.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "backfill/core/pull_request_depth.hpp"

namespace backfill::github {

// One page of the listing (a JSON array). `line` is null for an outdated
// comment, `user` null for a deleted account, `in_reply_to_id` absent for
// the first comment of a thread. A body that is not a JSON array, or an item
// without `id` or a `pull_request_url` ending in /pulls/{number}, throws
// std::runtime_error (the caller treats it as a garbled reply and retries).
std::vector<RepositoryComment> parse_review_comment_page(std::string_view json_text);

// The number in a URL ending in /pulls/{number} (a comment's
// pull_request_url); nullopt for anything else.
std::optional<std::int64_t> pull_number_of_url(std::string_view url);

}  // namespace backfill::github
