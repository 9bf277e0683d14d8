#include "backfill/fleet/schedule.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "backfill/core/errors.hpp"

using namespace backfill;
using namespace backfill::fleet;
using std::chrono::hours;
using std::chrono::minutes;

namespace {

const SystemTime kNow = parse_iso8601("2026-06-01T12:00:00Z");

// A name in a rollout bucket below 25 (Actions) or not (inline).
RepoName name_in_bucket(bool below_25, int start = 0) {
  for (int i = start;; ++i) {
    RepoName name{"octo", "repo" + std::to_string(i)};
    if ((rollout_bucket(name) < 25) == below_25) return name;
  }
}

ScheduleCandidate candidate(RepoName name, VerdictKind kind, std::int64_t count = 100) {
  ScheduleCandidate c;
  c.repository.id = name.full();
  c.repository.name = std::move(name);
  c.verdict.kind = kind;
  c.github_count = count;
  return c;
}

store::Progress progress(store::Status status, const std::string& updated_at) {
  store::Progress p;
  p.status = status;
  p.updated_at = updated_at;
  return p;
}

std::vector<std::string> names(const std::vector<ScheduleDecision>& plan, ScheduleAction action) {
  std::vector<std::string> out;
  for (const auto& d : plan) {
    if (d.action == action) out.push_back(d.repository.name.full());
  }
  return out;
}

}  // namespace

TEST(PlanSchedule, RoutesWhatIsNotCompleteAndLeavesTheRestOut) {
  const auto big = name_in_bucket(false, 0);
  const auto rollout = name_in_bucket(true, 0);
  const auto small = name_in_bucket(false, 1000);
  const auto done = name_in_bucket(false, 2000);
  auto plan = plan_schedule({candidate(big, VerdictKind::kNeverStarted, 4812),
                             candidate(rollout, VerdictKind::kIncomplete, 300),
                             candidate(small, VerdictKind::kIncomplete, 312),
                             candidate(done, VerdictKind::kComplete, 50)},
                            {}, kNow);
  ASSERT_EQ(plan.size(), 3u);
  EXPECT_EQ(names(plan, ScheduleAction::kDispatch),
            (std::vector<std::string>{big.full(), rollout.full()}));
  EXPECT_EQ(names(plan, ScheduleAction::kInline), std::vector<std::string>{small.full()});
  EXPECT_EQ(plan[0].reason, "actions (4,812 PRs > threshold 1,000)");
  EXPECT_NE(plan[1].reason.find("rollout bucket"), std::string::npos) << plan[1].reason;
}

TEST(PlanSchedule, OldestProgressFirstNeverStartedBeforeAll) {
  auto a = candidate(name_in_bucket(true, 0), VerdictKind::kPaused, 10);
  a.progress = progress(store::Status::kPaused, "2026-06-01T10:00:00Z");
  auto b = candidate(name_in_bucket(true, 100), VerdictKind::kPaused, 10);
  b.progress = progress(store::Status::kPaused, "2026-05-01T10:00:00Z");
  auto c = candidate(name_in_bucket(true, 200), VerdictKind::kNeverStarted, 10);
  auto plan = plan_schedule({a, b, c}, {}, kNow);
  EXPECT_EQ(names(plan, ScheduleAction::kDispatch),
            (std::vector<std::string>{c.repository.name.full(), b.repository.name.full(),
                                      a.repository.name.full()}));
}

TEST(PlanSchedule, MaxDispatchIsRespectedTheRestWaitForTheNextPass) {
  std::vector<ScheduleCandidate> many;
  for (int i = 0; i < 5; ++i)
    many.push_back(
        candidate({"octo", "big" + std::to_string(i)}, VerdictKind::kNeverStarted, 5000));
  ScheduleSettings settings;
  settings.max_dispatch = 3;
  auto plan = plan_schedule(many, settings, kNow);
  EXPECT_EQ(names(plan, ScheduleAction::kDispatch).size(), 3u);
  EXPECT_EQ(names(plan, ScheduleAction::kSkip).size(), 2u);
  EXPECT_NE(plan[4].reason.find("over --max-dispatch 3"), std::string::npos) << plan[4].reason;
}

TEST(PlanSchedule, RunningWaitingAndJustDispatchedAreLeftAlone) {
  auto running = candidate({"octo", "running"}, VerdictKind::kIncomplete, 5000);
  running.progress = progress(store::Status::kInProgress, "2026-06-01T11:59:00Z");
  auto stalled = candidate({"octo", "stalled"}, VerdictKind::kStalled, 5000);
  stalled.progress = progress(store::Status::kInProgress, "2026-06-01T01:00:00Z");
  auto waiting = candidate({"octo", "waiting"}, VerdictKind::kPaused, 5000);
  waiting.progress = progress(store::Status::kPaused, "2026-06-01T11:00:00Z");
  waiting.progress->resume_after = "2026-06-01T12:30:00Z";
  auto dispatched = candidate({"octo", "dispatched"}, VerdictKind::kNeverStarted, 5000);
  dispatched.dispatched_at = "2026-06-01T11:50:00Z";
  auto started = candidate({"octo", "started"}, VerdictKind::kPaused, 5000);
  started.dispatched_at = "2026-06-01T11:00:00Z";
  started.progress = progress(store::Status::kPaused, "2026-06-01T11:40:00Z");
  auto forgotten = candidate({"octo", "forgotten"}, VerdictKind::kNeverStarted, 5000);
  forgotten.dispatched_at = "2026-06-01T08:00:00Z";  // longer ago than stall_after (2h)
  auto unknown = candidate({"octo", "unknown"}, VerdictKind::kUnknown, 0);
  auto plan =
      plan_schedule({running, stalled, waiting, dispatched, started, forgotten, unknown}, {}, kNow);
  auto dispatch = names(plan, ScheduleAction::kDispatch);
  std::sort(dispatch.begin(), dispatch.end());
  EXPECT_EQ(dispatch, (std::vector<std::string>{"octo/forgotten", "octo/stalled", "octo/started"}));
  for (const auto& d : plan) {
    const std::string& name = d.repository.name.name;
    if (name == "waiting") {
      EXPECT_NE(d.reason.find("rate-limit reset"), std::string::npos);
    } else if (name == "dispatched") {
      EXPECT_EQ(d.reason, "dispatched 10m00s ago, not started yet");
    } else if (name == "running") {
      EXPECT_NE(d.reason.find("running"), std::string::npos);
    }
  }
}

TEST(PlanSchedule, AnInlineRunThatRanOutGoesToActions) {
  auto c = candidate(name_in_bucket(false), VerdictKind::kPaused, 200);
  c.prefer_actions = true;
  auto plan = plan_schedule({c}, {}, kNow);
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0].action, ScheduleAction::kDispatch);
  EXPECT_EQ(plan[0].reason, "actions (its inline run did not finish in the inline budget)");
}

TEST(ResolveMaxDispatch, FlagThenEnvironmentThenDefault) {
  auto env = [](std::optional<std::string> v) { return [v](const std::string&) { return v; }; };
  EXPECT_EQ(resolve_max_dispatch(std::nullopt, env(std::nullopt)), 20);
  EXPECT_EQ(resolve_max_dispatch(std::nullopt, env("7")), 7);
  EXPECT_EQ(resolve_max_dispatch(3L, env("7")), 3);
  EXPECT_THROW(resolve_max_dispatch(std::nullopt, env("many")), UsageError);
  EXPECT_THROW(resolve_max_dispatch(-1L, env(std::nullopt)), UsageError);
}
