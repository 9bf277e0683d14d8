#pragma once
// Realistic pulls pages for the parser tests: every item is GitHub's own
// documented example (tests/reference/github-rest-subset.json, ~20 KB with
// its full head/base repository objects), varied per item. Also a reference
// parse through nlohmann's DOM, the oracle the fast parser is checked against.
#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "backfill/github/pull_request.hpp"

namespace github_test {

using nlohmann::json;

inline const json& reference_pull() {
  static const json item = [] {
    std::ifstream in(BACKFILL_GITHUB_REFERENCE_JSON);
    if (!in) throw std::runtime_error("cannot open " BACKFILL_GITHUB_REFERENCE_JSON);
    json spec = json::parse(in);
    return spec["paths"]["/repos/{owner}/{repo}/pulls"]["get"]["responses"]["200"]["content"]
               ["application/json"]["examples"]["default"]["value"][0];
  }();
  return item;
}

// Pull `number` of a generated repository: most are awkward in one of the
// ways real repositories are (null body, ghost user, NUL, emoji, huge body).
inline json make_pull(std::int64_t number, std::mt19937_64& rng, bool huge_bodies = true) {
  json pr = reference_pull();
  pr["id"] = 1'000'000'000 + number;
  pr["number"] = number;
  pr["title"] =
      "Fix flaky test #" + std::to_string(number) + " in module " + std::to_string(rng() % 97);
  pr["body"] = "Closes #" + std::to_string(number - 1) + ".\n\nThis change " +
               std::string(200 + rng() % 400, 'x') + "\n- [x] tests";
  pr["html_url"] = "https://github.com/octocat/Hello-World/pull/" + std::to_string(number);
  pr["user"]["id"] = static_cast<std::int64_t>(rng() % 100000);
  pr["user"]["login"] = "user" + std::to_string(pr["user"]["id"].get<std::int64_t>());
  pr["head"]["ref"] = "feature/" + std::to_string(number);
  pr["draft"] = false;
  switch (number % 10) {
    case 1: pr["body"] = nullptr; break;
    case 2: pr["user"] = nullptr; break;
    case 3:
      pr["draft"] = true;
      pr.erase("merged_at");
      break;
    case 4: pr["body"] = std::string("before\0after", 12); break;
    case 5: pr["title"] = "Emoji \xF0\x9F\x98\x80 and \xE6\x97\xA5\xE6\x9C\xAC"; break;
    case 6:
      if (huge_bodies) pr["body"] = std::string(70'000, 'b');
      break;
    case 7:
      pr["state"] = "closed";
      pr["closed_at"] = "2011-01-27T19:01:12Z";
      break;
    case 8:
      pr.erase("draft");
      pr["merge_commit_sha"] = nullptr;
      break;
    default: break;
  }
  return pr;
}

// `ensure_ascii` makes the dump spell every non-ASCII character (and NUL)
// as \u escapes, surrogate pairs included.
inline std::string make_pull_page(int count, std::int64_t first_number, std::uint64_t seed = 1,
                                  bool ensure_ascii = false, bool huge_bodies = true) {
  std::mt19937_64 rng(seed);
  json page = json::array();
  for (int i = 0; i < count; ++i) page.push_back(make_pull(first_number + i, rng, huge_bodies));
  return page.dump(-1, ' ', ensure_ascii);
}

inline std::optional<std::string> optional_string(const json& item, const char* key) {
  auto it = item.find(key);
  if (it == item.end() || it->is_null()) return std::nullopt;
  return it->get<std::string>();
}

inline std::string string_or_empty(const json& item, const char* key) {
  return optional_string(item, key).value_or("");
}

// The slow, obviously-right parse.
inline std::vector<backfill::github::PullRequest> reference_parse(const std::string& text) {
  std::vector<backfill::github::PullRequest> out;
  for (const json& item : json::parse(text)) {
    backfill::github::PullRequest pr;
    pr.github_id = item.at("id").get<std::int64_t>();
    pr.number = item.at("number").get<std::int64_t>();
    pr.title = string_or_empty(item, "title");
    pr.body = optional_string(item, "body");
    pr.state = string_or_empty(item, "state");
    pr.draft = item.contains("draft") && item["draft"].is_boolean() && item["draft"].get<bool>();
    if (item.contains("user") && item["user"].is_object()) {
      const json& user = item["user"];
      pr.author = backfill::github::Contributor{
          user.value("id", std::int64_t{0}), string_or_empty(user, "login"),
          string_or_empty(user, "avatar_url"), string_or_empty(user, "type")};
    }
    pr.created_at = string_or_empty(item, "created_at");
    pr.updated_at = string_or_empty(item, "updated_at");
    pr.closed_at = optional_string(item, "closed_at");
    pr.merged_at = optional_string(item, "merged_at");
    pr.merge_commit_sha = optional_string(item, "merge_commit_sha");
    if (item.contains("head") && item["head"].is_object())
      pr.head_ref = string_or_empty(item["head"], "ref");
    if (item.contains("base") && item["base"].is_object())
      pr.base_ref = string_or_empty(item["base"], "ref");
    pr.html_url = string_or_empty(item, "html_url");
    out.push_back(std::move(pr));
  }
  return out;
}

// A comparable rendering of what a parser kept (gtest prints both sides).
inline json describe(const backfill::github::PullRequest& pr) {
  json d = {{"id", pr.github_id},          {"number", pr.number},     {"title", pr.title},
            {"state", pr.state},           {"draft", pr.draft},       {"created_at", pr.created_at},
            {"updated_at", pr.updated_at}, {"head_ref", pr.head_ref}, {"base_ref", pr.base_ref},
            {"html_url", pr.html_url}};
  d["body"] = pr.body ? json(*pr.body) : json(nullptr);
  d["closed_at"] = pr.closed_at ? json(*pr.closed_at) : json(nullptr);
  d["merged_at"] = pr.merged_at ? json(*pr.merged_at) : json(nullptr);
  d["merge_commit_sha"] = pr.merge_commit_sha ? json(*pr.merge_commit_sha) : json(nullptr);
  if (pr.author) {
    d["author"] = {{"id", pr.author->github_id},
                   {"login", pr.author->login},
                   {"avatar_url", pr.author->avatar_url},
                   {"type", pr.author->type}};
  } else {
    d["author"] = nullptr;
  }
  return d;
}

inline json describe(const std::vector<backfill::github::PullRequest>& pulls) {
  json d = json::array();
  for (const auto& pr : pulls) d.push_back(describe(pr));
  return d;
}

}  // namespace github_test
