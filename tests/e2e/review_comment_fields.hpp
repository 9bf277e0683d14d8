#pragma once
// Inline review comments as GitHub lists them and as the database holds
// them, flattened to the same text fields, so that a test compares the two
// field by field (the stream's tests and the depth refresh's).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "fake_github/http_get.hpp"
#include "support/db_probe.hpp"

namespace backfill::testing {

// By github_id: the PR number (twice: the stored column and the linked
// PR's), author login and id, body, created_at, updated_at, path, line,
// review id, in_reply_to id.
using ReviewCommentFields = std::map<std::int64_t, std::vector<std::string>>;

namespace review_comment_fields_detail {

// Both engines' timestamps as GitHub writes them.
inline std::string iso(std::optional<std::string> text) {
  if (!text) return "null";
  std::string t = *text;
  if (t.size() > 10 && t[10] == ' ') t[10] = 'T';
  if (!t.empty() && t.back() != 'Z') t += 'Z';
  return t;
}

inline std::string text_or_null(const nlohmann::json& value) {
  if (value.is_null()) return "null";
  if (value.is_string()) {
    std::string text = value.get<std::string>();
    std::erase(text, '\0');
    return text;
  }
  return value.dump();
}

}  // namespace review_comment_fields_detail

// Every review comment of a listing of the fake (`listing`: the path, e.g.
// "/repos/o/r/pulls/comments" or "/repos/o/r/pulls/7/comments"), every page.
inline ReviewCommentFields listed_review_comments(const std::string& base_url,
                                                  const std::string& listing,
                                                  const std::string& authorization) {
  using nlohmann::json;
  using review_comment_fields_detail::text_or_null;
  ReviewCommentFields out;
  for (long page = 1;; ++page) {
    const auto reply = fake_github::tiny_http::get(
        base_url, listing + "?per_page=100&page=" + std::to_string(page), authorization);
    EXPECT_EQ(reply.status, 200) << listing;
    if (reply.status != 200) break;
    const json items = reply.json();
    if (items.empty()) break;
    for (const auto& c : items) {
      const std::string pull_url = c["pull_request_url"].get<std::string>();
      const std::string number = pull_url.substr(pull_url.rfind('/') + 1);
      out[c["id"].get<std::int64_t>()] = {
          number,
          number,
          c["user"].is_null() ? "null" : c["user"]["login"].get<std::string>(),
          c["user"].is_null() ? "null" : c["user"]["id"].dump(),
          text_or_null(c["body"]),
          text_or_null(c["created_at"]),
          text_or_null(c["updated_at"]),
          text_or_null(c["path"]),
          text_or_null(c.value("line", json())),
          text_or_null(c["pull_request_review_id"]),
          text_or_null(c.value("in_reply_to_id", json())),
      };
    }
  }
  return out;
}

// The same fields of every stored review comment of `repo` (`extra_where`
// narrows them, e.g. " AND c.pull_request_number = 7"); the linked PR's
// number (null when unlinked) and the author through contributors.
inline ReviewCommentFields stored_review_comments(const std::string& database_url,
                                                  const std::string& repo,
                                                  const std::string& extra_where = "") {
  using review_comment_fields_detail::iso;
  const auto slash = repo.find('/');
  ReviewCommentFields out;
  for (const auto& row :
       query(database_url,
             "SELECT c.github_id, c.pull_request_number, p.number, a.login, a.github_id, c.body,"
             " c.created_at, c.updated_at, c.path, c.line, c.review_github_id,"
             " c.in_reply_to_github_id"
             " FROM comments c JOIN repositories r ON r.id = c.repository_id"
             " LEFT JOIN pull_requests p ON p.id = c.pull_request_id"
             " LEFT JOIN contributors a ON a.id = c.author_id"
             " WHERE c.kind = 'review' AND r.owner = '" +
                 repo.substr(0, slash) + "' AND r.name = '" + repo.substr(slash + 1) + "'" +
                 extra_where)) {
    const auto value = [&](std::size_t i) { return row[i].value_or("null"); };
    out[std::stoll(*row[0])] = {value(1),    value(2), value(3), value(4),  value(5), iso(row[6]),
                                iso(row[7]), value(8), value(9), value(10), value(11)};
  }
  return out;
}

}  // namespace backfill::testing
