#pragma once
// What the refresh tests share: GitHub's listing as the fake serves it, the
// stored rows in the same shape, and the result line of a run.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fake_github/http_get.hpp"
#include "support/e2e_fixture.hpp"

namespace backfill::testing {

// One pull request as a refresh must keep it: what the listing shows of
// each stored column that changes on GitHub.
struct PullView {
  std::int64_t number = 0;
  std::string title, state, draft, updated_at, closed_at, merged_at;
  bool operator==(const PullView&) const = default;
};

inline void PrintTo(const PullView& p, std::ostream* os) {
  *os << "#" << p.number << " " << p.title << " " << p.state << " draft=" << p.draft
      << " updated=" << p.updated_at << " closed=" << p.closed_at << " merged=" << p.merged_at;
}

class RefreshE2E : public BackfillE2E {
 protected:
  // Every PR of `repo` as GitHub lists it now, by number. Read with a token
  // of its own (its own budget); the reads are then forgotten, so that
  // requests() shows the program's only.
  std::vector<PullView> github_listing(const std::string& repo) {
    std::vector<PullView> out;
    for (int page = 1;; ++page) {
      auto reply = fake_github::tiny_http::get(
          api_url_, "/repos/" + repo + "/pulls?state=all&per_page=100&page=" + std::to_string(page),
          "Bearer listing-reader");
      EXPECT_EQ(reply.status, 200);
      auto items = reply.json();
      for (const auto& item : items) {
        const auto text = [&](const char* key) {
          return item[key].is_null() ? std::string() : item[key].get<std::string>();
        };
        out.push_back({item["number"].get<std::int64_t>(), text("title"), text("state"),
                       item["draft"].get<bool>() ? "1" : "0", text("updated_at"), text("closed_at"),
                       text("merged_at")});
      }
      if (items.size() < 100) break;
    }
    github_.clear_requests();
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.number < b.number; });
    return out;
  }

  std::vector<PullView> stored(const std::string& repo) {
    const bool pg = GetParam() == store::Backend::kPostgres;
    const auto iso = [pg](const std::string& c) {
      return pg ? "coalesce(to_char(p." + c + ", 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), '')"
                : "coalesce(p." + c + ", '')";
    };
    const auto slash = repo.find('/');
    const std::string sql =
        "SELECT p.number, p.title, p.state, CASE WHEN p.draft THEN '1' ELSE '0' END, " +
        iso("updated_at") + ", " + iso("closed_at") + ", " + iso("merged_at") +
        " FROM pull_requests p JOIN repositories r ON r.id = p.repository_id"
        " WHERE r.owner = '" +
        repo.substr(0, slash) + "' AND r.name = '" + repo.substr(slash + 1) + "' ORDER BY p.number";
    std::vector<PullView> out;
    for (const auto& row : query(db(), sql)) {
      out.push_back({std::stoll(row[0].value()), row[1].value_or(""), row[2].value_or(""),
                     row[3].value_or(""), row[4].value_or(""), row[5].value_or(""),
                     row[6].value_or("")});
    }
    return out;
  }

  // The database holds exactly what GitHub lists, column by column.
  void expect_equal_to_github(const std::string& repo) {
    EXPECT_EQ(stored(repo), github_listing(repo));
    EXPECT_EQ(std::stoll(progress(repo, "total_processed").value()), stored_rows(repo));
  }

  // The refresh_state row of `repo` ("" for a NULL column), or nullopt.
  std::optional<std::string> refresh_state(const std::string& repo, const std::string& column) {
    const auto slash = repo.find('/');
    return query_value(db(), "SELECT s." + column +
                                 " FROM refresh_state s JOIN repositories r ON r.id = "
                                 "s.repository_id WHERE s.scope = 'list' AND r.owner = '" +
                                 repo.substr(0, slash) + "' AND r.name = '" +
                                 repo.substr(slash + 1) + "'");
  }

  // The last line of stdout (a run's result line, or --all's summary).
  // The store, to set up states as runs leave them.
  std::unique_ptr<store::Store> open_store() { return store::open_store(db()); }
  store::Repository repository(const std::string& repo) {
    return open_store()->find_repository(parse_repo_name(repo)).value();
  }

  static nlohmann::json result_line(const ProcessResult& r) {
    std::string out = r.out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    const auto start = out.rfind('\n');
    return nlohmann::json::parse(start == std::string::npos ? out : out.substr(start + 1));
  }

  // Numbers of stored PRs that are open/closed/merged/draft, for choosing
  // which to change.
  std::vector<std::int64_t> numbers_where(const std::string& repo, const std::string& condition) {
    std::vector<std::int64_t> out;
    for (const auto& p : stored(repo)) {
      const bool open = p.state == "open";
      if ((condition == "open" && open && p.draft == "0") ||
          (condition == "draft" && open && p.draft == "1") ||
          (condition == "closed-unmerged" && !open && p.merged_at.empty())) {
        out.push_back(p.number);
      }
    }
    return out;
  }

  // Backfills `repo` to completion.
  void backfill(const std::string& repo) {
    auto r = run({"--repo", repo});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_EQ(progress(repo, "status"), "completed");
  }
};

}  // namespace backfill::testing
