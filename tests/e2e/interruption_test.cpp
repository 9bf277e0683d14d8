// Runs cut off at any moment: kill -9, SIGINT/SIGTERM, a second run at once.
#include <signal.h>

#include <atomic>
#include <future>
#include <random>

#include "support/e2e_fixture.hpp"
#include "support/request_hold.hpp"

namespace backfill::testing {
namespace {

class Interruption : public BackfillE2E {
 protected:
  void TearDown() override {
    hold_.release();
    BackfillE2E::TearDown();
  }

  RequestHold hold_;
};

TEST_P(Interruption, KillNineAtRandomMomentsLosesNothing) {
  github_.add_repository("octo/killed", 640);
  std::mt19937 rng(20261128);
  std::atomic<pid_t> victim{0};
  std::atomic<std::size_t> kill_at{0};
  github_.on_request([&](std::size_t i, const fake_github::RecordedRequest&) {
    if (i == kill_at.load()) {
      victim.wait(0);  // the test stores the pid right after the fork
      kill(victim.load(), SIGKILL);
    }
  });
  int killed = 0;
  for (int attempt = 0; attempt < 8; ++attempt) {
    github_.clear_requests();
    kill_at = std::uniform_int_distribution<std::size_t>(1, 6)(rng);
    victim = 0;
    auto child = start({"--repo", "octo/killed", "--chunk-size", "25"});
    victim = child->pid();
    victim.notify_all();
    auto r = child->wait();
    if (r.signal == SIGKILL) ++killed;
    // Whatever was committed is consistent: counters equal stored rows.
    auto processed = progress("octo/killed", "total_processed");
    if (processed) {
      EXPECT_EQ(std::stoll(*processed), stored_rows("octo/killed"));
    }
  }
  EXPECT_GE(killed, 4);
  github_.on_request(nullptr);
  auto final_run = run({"--repo", "octo/killed", "--chunk-size", "25"});
  ASSERT_EQ(final_run.exit_code, 0) << final_run.err;
  expect_exact_copy("octo/killed");
}

TEST_P(Interruption, StopSignalDuringATransferPausesWithinTwoSeconds) {
  for (int sig : {SIGINT, SIGTERM}) {
    const std::string repo = sig == SIGINT ? "octo/sigint" : "octo/sigterm";
    github_.add_repository(repo, 300);
    auto held = hold_.hold(github_, 4);  // repository, count, page 1, then page 2 is held
    auto child = start({"--repo", repo});
    held.wait();
    // Page 2 is fetched while chunk 2 is written (engine/prefetch.hpp): the
    // signal comes during the transfer, once that write is committed.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (stored_rows(repo) < 100) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "chunk 2 was never committed";
    }
    const auto sent = std::chrono::steady_clock::now();
    child->send(sig);
    auto r = child->wait(std::chrono::seconds(10));
    const auto took = std::chrono::steady_clock::now() - sent;
    hold_.release();
    EXPECT_EQ(r.exit_code, 75) << r.err;
    EXPECT_LT(took, std::chrono::seconds(2));
    EXPECT_EQ(progress(repo, "status"), "paused");
    EXPECT_EQ(stored_rows(repo), 100);  // page 1's chunks, committed before the signal
    EXPECT_EQ(std::stoll(progress(repo, "total_processed").value()), 100);
    github_.on_request(nullptr);
    auto resumed = run({"--repo", repo});
    ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
    expect_exact_copy(repo);
  }
}

TEST_P(Interruption, SecondConcurrentRunExitsAtOnceAndWritesNothing) {
  github_.add_repository("octo/busy", 300);
  auto held = hold_.hold(github_, 3);  // the first run holds the lock, waiting for page 1
  auto first = start({"--repo", "octo/busy"});
  held.wait();
  const auto requests_before = api_requests();
  const auto updated_before = progress("octo/busy", "updated_at");
  auto second = run({"--repo", "octo/busy"});
  EXPECT_EQ(second.exit_code, 75) << second.err;
  EXPECT_NE(second.err.find("another backfill of octo/busy is running"), std::string::npos)
      << second.err;
  EXPECT_EQ(api_requests(), requests_before);  // not a single request
  EXPECT_EQ(progress("octo/busy", "updated_at"), updated_before);
  hold_.release();
  auto r = first->wait();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_exact_copy("octo/busy");
}

BACKFILL_E2E_BACKENDS(Interruption);

}  // namespace
}  // namespace backfill::testing
