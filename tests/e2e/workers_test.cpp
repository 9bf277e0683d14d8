// `backfill work` through the real binary: several processes of several
// workers sharing one PostgreSQL queue, one of them killed with SIGKILL;
// and SQLite refusing more than one worker.
#include <signal.h>

#include <atomic>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "support/e2e_fixture.hpp"

namespace backfill::testing {
namespace {

using Clock = std::chrono::steady_clock;

struct Span {
  Clock::time_point first;
  Clock::time_point last;
};

class Workers : public BackfillE2E {
 protected:
  // Repositories of `pulls[i]` PRs, named o/w0, o/w1, ..., all tracked.
  std::vector<std::string> track_repositories(const std::vector<int>& pulls) {
    std::vector<std::string> names;
    std::vector<std::string> args{"track"};
    for (std::size_t i = 0; i < pulls.size(); ++i) {
      names.push_back("o/w" + std::to_string(i));
      ids_[github_.add_repository(names.back(), pulls[i])] = names.back();
      args.push_back(names.back());
    }
    auto tracked = run(args);
    EXPECT_EQ(tracked.exit_code, 0) << tracked.out << tracked.err;
    github_.clear_requests();
    return names;
  }

  // The repository a request was about: /repos/{owner}/{repo}/... or
  // /repositories/{id}/... (where Link rel="next" points); "" for others.
  std::string repository_of(const std::string& path) const {
    std::vector<std::string> parts;
    std::stringstream segments(path);
    for (std::string part; std::getline(segments, part, '/');) {
      if (!part.empty()) parts.push_back(part);
    }
    if (parts.size() >= 3 && parts[0] == "repos") return parts[1] + "/" + parts[2];
    if (parts.size() >= 2 && parts[0] == "repositories") {
      auto found = ids_.find(std::stoll(parts[1]));
      if (found != ids_.end()) return found->second;
    }
    return "";
  }

  // For each repository, when each worker (User-Agent) first and last
  // asked about it.
  std::map<std::string, std::map<std::string, Span>> spans() const {
    std::map<std::string, std::map<std::string, Span>> result;
    for (const auto& request : github_.requests()) {
      const std::string repo = repository_of(request.path);
      if (repo.empty()) continue;
      auto [it, inserted] =
          result[repo].try_emplace(request.user_agent, Span{request.at, request.at});
      if (!inserted) {
        it->second.first = std::min(it->second.first, request.at);
        it->second.last = std::max(it->second.last, request.at);
      }
    }
    return result;
  }

  // No repository was worked on by two workers at overlapping times.
  void expect_one_worker_at_a_time() const {
    for (const auto& [repo, workers] : spans()) {
      for (auto a = workers.begin(); a != workers.end(); ++a) {
        for (auto b = std::next(a); b != workers.end(); ++b) {
          const bool apart = a->second.last < b->second.first || b->second.last < a->second.first;
          EXPECT_TRUE(apart) << repo << " was fetched by \"" << a->first << "\" and \"" << b->first
                             << "\" at overlapping times";
        }
      }
    }
  }

  static std::vector<nlohmann::json> run_lines(const std::string& out) {
    std::vector<nlohmann::json> lines;
    std::istringstream text(out);
    for (std::string line; std::getline(text, line);) {
      auto json = nlohmann::json::parse(line);
      if (!json.contains("summary")) lines.push_back(json);
    }
    return lines;
  }

  std::map<std::int64_t, std::string> ids_;
};

const std::vector<std::string> kWork{"work", "--workers", "3", "--until-empty"};

TEST_P(Workers, TwoProcessesOfThreeWorkersCompleteEightRepositoriesExactly) {
  const auto names = track_repositories({340, 120, 260, 75, 410, 199, 300, 1});
  // Long enough that the second process starts before the first has
  // drained the queue: runs overlap in time and both processes take part.
  github_.set_latency(std::chrono::milliseconds(50));
  auto first = start(kWork);
  auto second = start(kWork);
  const auto a = first->wait();
  const auto b = second->wait();
  ASSERT_EQ(a.exit_code, 0) << a.out << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.out << b.err;

  for (const auto& name : names) expect_exact_copy(name);
  expect_one_worker_at_a_time();
  // Each repository was run once, by one of the six workers, and both
  // processes took part.
  std::multiset<std::string> completed;
  for (const auto* out : {&a.out, &b.out}) {
    for (const auto& line : run_lines(*out)) {
      EXPECT_EQ(line["status"], "completed") << line.dump();
      completed.insert(line["repository"].get<std::string>());
    }
  }
  EXPECT_EQ(completed, std::multiset<std::string>(names.begin(), names.end()));
  EXPECT_FALSE(run_lines(a.out).empty()) << a.err;
  EXPECT_FALSE(run_lines(b.out).empty()) << b.err;
  std::set<std::string> agents;
  for (const auto& request : github_.requests()) agents.insert(request.user_agent);
  EXPECT_GE(agents.size(), 4u);
  for (const auto& agent : agents) {
    EXPECT_EQ(agent.rfind("backfill/", 0), 0u) << agent;
    EXPECT_NE(agent.find("(worker "), std::string::npos) << agent;
  }
}

TEST_P(Workers, WhenOneProcessIsKilledTheOtherFinishesItsRepositories) {
  const auto names = track_repositories({700, 650, 600, 550, 500, 450, 400, 350});
  github_.set_latency(std::chrono::milliseconds(10));
  std::atomic<pid_t> victim{0};
  std::atomic<int> victim_requests{0};
  github_.on_request([&](std::size_t, const fake_github::RecordedRequest& request) {
    const pid_t pid = victim.load();
    if (pid == 0 ||
        request.user_agent.find("pid " + std::to_string(pid) + ",") == std::string::npos) {
      return;
    }
    // Mid-run: the victim's workers each hold a repository by now.
    if (++victim_requests == 8) kill(pid, SIGKILL);
  });
  auto doomed = start(kWork);
  victim = doomed->pid();
  auto survivor = start(kWork);
  const auto killed = doomed->wait();
  const auto finished = survivor->wait();
  EXPECT_EQ(killed.signal, SIGKILL) << killed.out << killed.err;
  ASSERT_EQ(finished.exit_code, 0) << finished.out << finished.err;

  for (const auto& name : names) expect_exact_copy(name);
  expect_one_worker_at_a_time();
  // What the dead process had started, the survivor finished.
  const std::string victim_tag = "pid " + std::to_string(doomed->pid()) + ",";
  int taken_over = 0;
  for (const auto& [repo, workers] : spans()) {
    bool by_victim = false, by_survivor = false;
    for (const auto& [agent, span] : workers) {
      (agent.find(victim_tag) != std::string::npos ? by_victim : by_survivor) = true;
    }
    if (by_victim && by_survivor) ++taken_over;
  }
  EXPECT_GE(taken_over, 1);
  for (const auto& line : run_lines(finished.out)) EXPECT_EQ(line["status"], "completed");
}

INSTANTIATE_TEST_SUITE_P(Postgres, Workers, ::testing::Values(store::Backend::kPostgres),
                         backend_param_name);

class SqliteWorkers : public Workers {};

TEST_P(SqliteWorkers, RefusesParallelWorkersAndRunsOneSequentially) {
  const auto names = track_repositories({130, 40});
  auto refused = run({"work", "--workers", "2", "--until-empty"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("--workers 2 needs PostgreSQL"), std::string::npos) << refused.err;
  EXPECT_TRUE(github_.requests().empty());

  auto sequential = run({"work", "--workers", "1", "--until-empty"});
  ASSERT_EQ(sequential.exit_code, 0) << sequential.out << sequential.err;
  for (const auto& name : names) expect_exact_copy(name);
  EXPECT_EQ(run_lines(sequential.out).size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, SqliteWorkers, ::testing::Values(store::Backend::kSqlite),
                         backend_param_name);

}  // namespace
}  // namespace backfill::testing
