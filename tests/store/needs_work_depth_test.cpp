// A repository tracked --with (repositories.backfill_with) is run as that
// depth scope, so the scope's progress, not the list's, says whether it
// needs work: on both engines the queue claims what scheduled_progress()
// and needs_work() say together.
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
constexpr const char* kScope = "details";

struct DepthCase {
  const char* name;
  std::optional<std::string> with;  // backfill_with
  bool list_completed;              // else: the list never started
  std::optional<Status> scope;      // nullopt: the scope never started
  std::optional<std::string> scope_resume_after;
  bool needs_work;
  bool unfinished;
};

const DepthCase kDepthCases[] = {
    {"list-done-scope-never-started", kScope, true, std::nullopt, std::nullopt, true, true},
    {"list-done-scope-running", kScope, true, Status::kInProgress, std::nullopt, true, true},
    {"list-done-scope-failed", kScope, true, Status::kFailed, std::nullopt, true, true},
    {"list-done-scope-waits-reset", kScope, true, Status::kPaused, kAfter, false, true},
    {"list-done-scope-reset-passed", kScope, true, Status::kPaused, kBefore, true, true},
    {"list-done-scope-done", kScope, true, Status::kCompleted, std::nullopt, false, false},
    // Its runs advance the scope only: the list's state is not theirs to finish.
    {"list-never-scope-done", kScope, false, Status::kCompleted, std::nullopt, false, false},
    // A scope run by hand (`run --with`) of a list-only repository: the list decides.
    {"list-only-done-scope-running", std::nullopt, true, Status::kInProgress, std::nullopt, false,
     false},
};

class NeedsWorkDepth : public ::testing::TestWithParam<Backend> {
 protected:
  Store& store() { return *fresh_.store; }

  void make(const DepthCase& c, std::int64_t github_id) {
    const auto id =
        store().track_repository(github_id, RepoName{"o", c.name}, 10, kBefore).repository.id;
    if (c.with) store().set_backfill_with(id, c.with);
    if (c.list_completed) {
      store().begin_run(id, 10, false, kBefore);
      store().complete_run(id, 10, kBefore);
    }
    if (!c.scope) return;
    store().begin_scope(id, kScope, 10, false, kBefore);
    if (*c.scope == Status::kCompleted) {
      store().complete_scope(id, kScope, 10, kBefore);
    } else if (*c.scope != Status::kInProgress) {
      RunEnd end;
      end.status = *c.scope;
      end.resume_after = c.scope_resume_after;
      end.now = kBefore;
      store().finish_scope(id, kScope, end);
    }
  }

  testing::FreshStore fresh_{GetParam()};
};

TEST_P(NeedsWorkDepth, TheScopeOfBackfillWithDecides) {
  std::int64_t github_id = 200;
  std::set<std::string> expected;
  std::int64_t expected_unfinished = 0;
  for (const auto& c : kDepthCases) {
    make(c, ++github_id);
    if (c.needs_work) expected.insert(std::string("o/") + c.name);
    if (c.unfinished) ++expected_unfinished;
  }
  for (const auto& t : store().tracked_repositories()) {
    for (const auto& c : kDepthCases) {
      if (t.repository.name.name != c.name) continue;
      const auto progress = scheduled_progress(store(), t.repository.id, t.progress);
      EXPECT_EQ(needs_work(true, progress, kNow), c.needs_work) << c.name;
      EXPECT_EQ(unfinished(true, progress), c.unfinished) << c.name;
    }
  }

  auto queue = open_work_queue(fresh_.database.url(), store());
  EXPECT_EQ(queue->unfinished(), expected_unfinished);
  EXPECT_EQ(testing::claim_all(*queue, kNow).names, expected);
}

INSTANTIATE_TEST_SUITE_P(Backends, NeedsWorkDepth,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace backfill::store
