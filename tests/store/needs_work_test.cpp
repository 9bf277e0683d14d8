// needs_work() and unfinished() are the one definition of what `backfill
// work` takes; the PostgreSQL claim query is SQL written to match them. On
// both engines, the queue claims exactly what the C++ rule says, over a
// table of cases.
#include <gtest/gtest.h>

#include <set>

#include "backfill/store/store.hpp"
#include "backfill/store/work_queue.hpp"
#include "support/claim_all.hpp"
#include "support/test_databases.hpp"

namespace backfill::store {
namespace {

constexpr const char* kBefore = "2024-06-01T09:00:00Z";
constexpr const char* kNow = "2024-06-01T10:00:00Z";
constexpr const char* kAfter = "2024-06-01T11:00:00Z";

struct Case {
  const char* name;
  bool tracked;
  std::optional<Status> status;  // nullopt: never started
  std::optional<std::string> resume_after;
  bool needs_work;
  bool unfinished;
};

const Case kCases[] = {
    {"never-started", true, std::nullopt, std::nullopt, true, true},
    {"pending", true, Status::kPending, std::nullopt, true, true},
    {"in-progress", true, Status::kInProgress, std::nullopt, true, true},
    {"paused", true, Status::kPaused, std::nullopt, true, true},
    {"paused-until-past", true, Status::kPaused, kBefore, true, true},
    {"paused-until-now", true, Status::kPaused, kNow, true, true},
    {"paused-until-future", true, Status::kPaused, kAfter, false, true},
    {"failed", true, Status::kFailed, std::nullopt, true, true},
    {"failed-until-future", true, Status::kFailed, kAfter, false, true},
    {"completed", true, Status::kCompleted, std::nullopt, false, false},
    {"completed-until-past", true, Status::kCompleted, kBefore, false, false},
    {"untracked-never-started", false, std::nullopt, std::nullopt, false, false},
    {"untracked-in-progress", false, Status::kInProgress, std::nullopt, false, false},
    {"untracked-paused-until-past", false, Status::kPaused, kBefore, false, false},
};

TEST(NeedsWork, TheRuleOverTheTableOfCases) {
  for (const auto& c : kCases) {
    std::optional<Progress> progress;
    if (c.status) {
      progress = Progress{};
      progress->status = *c.status;
      progress->resume_after = c.resume_after;
    }
    EXPECT_EQ(needs_work(c.tracked, progress, kNow), c.needs_work) << c.name;
    EXPECT_EQ(unfinished(c.tracked, progress), c.unfinished) << c.name;
  }
}

class NeedsWorkEngines : public ::testing::TestWithParam<Backend> {
 protected:
  Store& store() { return *fresh_.store; }

  // A repository in the state of `c`, written through the store (and plain
  // SQL for the states no run leaves behind).
  void make(const Case& c, std::int64_t github_id) {
    const auto id =
        store().track_repository(github_id, RepoName{"o", c.name}, 10, kBefore).repository.id;
    if (c.status) {
      store().begin_run(id, 10, false, kBefore);
      if (*c.status == Status::kCompleted) {
        store().complete_run(id, 10, kBefore);
      } else if (*c.status != Status::kInProgress) {
        RunEnd end;
        end.status = *c.status == Status::kPending ? Status::kPaused : *c.status;
        end.now = kBefore;
        store().finish_run(id, end);
      }
      if (*c.status == Status::kPending) {
        testing::execute(
            fresh_.database.url(),
            "UPDATE backfill_progress SET status = 'pending' WHERE repository_id = '" + id + "'");
      }
      if (c.resume_after) {
        testing::execute(fresh_.database.url(), "UPDATE backfill_progress SET resume_after = '" +
                                                    *c.resume_after + "' WHERE repository_id = '" +
                                                    id + "'");
      }
    }
    if (!c.tracked) store().untrack_repository(id);
  }

  testing::FreshStore fresh_{GetParam()};
};

TEST_P(NeedsWorkEngines, TheQueueClaimsExactlyWhatTheRuleSays) {
  std::int64_t github_id = 100;
  std::set<std::string> expected;
  std::int64_t expected_unfinished = 0;
  for (const auto& c : kCases) {
    make(c, ++github_id);
    if (c.needs_work) expected.insert(std::string("o/") + c.name);
    if (c.unfinished) ++expected_unfinished;
  }
  // What the engine stored reads back as the case says.
  for (const auto& t : store().tracked_repositories()) {
    for (const auto& c : kCases) {
      if (t.repository.name.name != c.name) continue;
      EXPECT_EQ(needs_work(true, t.progress, kNow), c.needs_work) << c.name;
    }
  }

  auto queue = open_work_queue(fresh_.database.url(), store());
  EXPECT_EQ(queue->unfinished(), expected_unfinished);
  EXPECT_EQ(testing::claim_all(*queue, kNow).names, expected);
}

INSTANTIATE_TEST_SUITE_P(Backends, NeedsWorkEngines,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace backfill::store
