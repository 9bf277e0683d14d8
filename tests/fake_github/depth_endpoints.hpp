#pragma once
// The REST listings of pull requests' children, from the same generated
// depth the GraphQL side serves (ids match its fullDatabaseId):
//   GET /repos/{o}/{r}/pulls/comments        every review comment of the repository
//   GET /repos/{o}/{r}/pulls/{n}/comments    a PR's review comments (the above, filtered)
//   GET /repos/{o}/{r}/pulls/{n}/reviews     a PR's reviews
//   GET /repos/{o}/{r}/issues/{n}/comments   a PR's conversation comments
// with GitHub's query parameters (sort, direction, since, per_page <= 100,
// page) and Link headers.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "fake_github/depth_snapshot.hpp"
#include "fake_github/write_request.hpp"

namespace fake_github {

struct DepthRequest {
  const std::multimap<std::string, std::string>& params;
  const std::string& raw_query;
  std::string base_url;
};

// The answer for `rest` (the path after the repository) when it is one of
// the listings above for an existing PR; nullopt otherwise (issue numbers
// and other paths are someone else's).
std::optional<EndpointReply> answer_depth_listing(const DepthSnapshot& snapshot,
                                                  const std::string& rest,
                                                  const DepthRequest& request);

// "2024-01-02T03:04:05Z" (or with a +hh:mm offset) to epoch seconds.
std::optional<std::int64_t> parse_timestamp(const std::string& text);

}  // namespace fake_github
