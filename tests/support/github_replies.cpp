#include "support/github_replies.hpp"

#include <chrono>
#include <nlohmann/json.hpp>

#include "backfill/core/clock.hpp"

namespace backfill::testing::replies {

std::string pull_json(std::int64_t number) {
  constexpr std::int64_t k2020 = 1'577'836'800;
  const std::string created = format_iso8601(SystemTime(std::chrono::seconds(k2020 + number * 60)));
  nlohmann::json pr = {{"id", 9'000'000 + number},
                       {"number", number},
                       {"html_url", "https://github.com/octo/repo/pull/" + std::to_string(number)},
                       {"state", "open"},
                       {"title", "Pull request " + std::to_string(number)},
                       {"user",
                        {{"id", 500 + number % 3},
                         {"login", "user" + std::to_string(number % 3)},
                         {"avatar_url", "https://avatars.example/u"},
                         {"type", "User"}}},
                       {"body", "body"},
                       {"created_at", created},
                       {"updated_at", created},
                       {"closed_at", nullptr},
                       {"merged_at", nullptr},
                       {"merge_commit_sha", nullptr},
                       {"head", {{"ref", "feature/" + std::to_string(number)}}},
                       {"base", {{"ref", "main"}}},
                       {"draft", false}};
  return pr.dump();
}

std::string pulls_page_json(std::int64_t first, std::int64_t count) {
  std::string page = "[";
  for (std::int64_t i = 0; i < count; ++i) {
    if (i > 0) page += ",";
    page += pull_json(first + i);
  }
  return page + "]";
}

std::string repository_json(std::int64_t github_id, const std::string& full_name) {
  return nlohmann::json{{"id", github_id}, {"full_name", full_name}}.dump();
}

std::string link(const std::string& url, const std::string& rel) {
  return "<" + url + ">; rel=\"" + rel + "\"";
}

std::string pulls_page_url(const std::string& api_url, std::int64_t repository_id, long page,
                           int per_page) {
  return api_url + "/repositories/" + std::to_string(repository_id) +
         "/pulls?state=all&sort=created&direction=asc&per_page=" + std::to_string(per_page) +
         "&page=" + std::to_string(page);
}

}  // namespace backfill::testing::replies
