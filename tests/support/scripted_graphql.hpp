#pragma once
// GitHub's GraphQL endpoint for the depth queries (pull_request_page, and
// the follow-ups of pull_request_children with their slots), answered in memory from a generated
// repository, with replies shaped exactly as GitHub's: `data` with BigInt ids as strings,
// `rateLimit`, pageInfo, null authors for deleted accounts, bots as "Bot" with their own login, and
// x-ratelimit-* headers of resource "graphql". Unit tests plug it into the scripted transport;
// `fault` turns any reply into a failure GitHub really sends.
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "backfill/github/http.hpp"

namespace backfill::testing {

class ScriptedGraphql {
 public:
  std::int64_t pulls = 120;
  // Children of PR `number`.
  std::function<std::int64_t(std::int64_t number)> reviews_of = [](std::int64_t n) {
    return n % 4;
  };
  std::function<std::int64_t(std::int64_t number)> comments_of = [](std::int64_t n) {
    return n % 3;
  };
  // PRs deleted since their page: follow-ups find nothing for them.
  std::set<std::int64_t> vanished;
  std::int64_t points_remaining = 4900;
  std::int64_t reset_epoch = 1'900'000'000;
  // Called with the request's index among GraphQL requests (0-based), the
  // operation name and its variables; a reply returned replaces the answer.
  std::function<std::optional<github::HttpResponse>(std::size_t index, const std::string& operation,
                                                    const nlohmann::json& variables)>
      fault;

  github::HttpResponse answer(const github::HttpRequest& request);
  std::size_t requests() const { return requests_; }
  // The page sizes (`first`) of the page queries, in order.
  const std::vector<int>& page_sizes() const { return page_sizes_; }
  // The slots (PRs) of each follow-up query, in order.
  const std::vector<int>& follow_up_slots() const { return follow_up_slots_; }

  // Ids the generated rows carry, for assertions: 64-bit, beyond 2^32. A
  // PR's is pull_id_base + number (REST's scripted replies use 9,000,000).
  std::int64_t pull_id_base = 5'000'000'000;
  std::int64_t pull_id(std::int64_t number) const { return pull_id_base + number; }
  static std::int64_t review_id(std::int64_t number, std::int64_t i) {
    return 7'000'000'000 + number * 100'000 + i;
  }
  static std::int64_t comment_id(std::int64_t number, std::int64_t i) {
    return 9'000'000'000 + number * 100'000 + i;
  }

  // A reply with GitHub's GraphQL headers (resource graphql).
  github::HttpResponse reply(long status, const nlohmann::json& body) const;

 private:
  nlohmann::json pull_page(const nlohmann::json& variables);
  nlohmann::json children(const nlohmann::json& variables, nlohmann::json& errors);
  nlohmann::json rate_limit(std::int64_t cost);

  std::size_t requests_ = 0;
  std::vector<int> page_sizes_;
  std::vector<int> follow_up_slots_;
};

// `{"data": null, "errors": [{"type": TYPE, "message": MESSAGE, "path": [PATH]}]}`
nlohmann::json graphql_error_body(const std::string& type, const std::string& message,
                                  const std::string& path = "");

}  // namespace backfill::testing
