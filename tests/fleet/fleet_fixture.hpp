#pragma once
// The fleet commands in-process: the real curl transport and GitHub client
// against the fake GitHub server, a real database of either engine, and a
// ManualClock for every time the commands record or judge by.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "backfill/cli/config.hpp"
#include "backfill/store/store.hpp"
#include "fake_github/fake_github.hpp"
#include "support/manual_clock.hpp"
#include "support/test_databases.hpp"

namespace backfill::fleet::testing {

class FleetTest : public ::testing::TestWithParam<store::Backend> {
 protected:
  FleetTest() : fresh_(GetParam()) {
    config.database_url = fresh_.database.url();
    config.api_url = github.start();
    config.max_retries = 1;
    config.backoff_base_ms = 1;
  }
  ~FleetTest() override { github.stop(); }

  store::Store& store() { return *fresh_.store; }
  const std::string& db() const { return fresh_.database.url(); }
  std::string at(Duration offset) { return format_iso8601(clock.now() + offset); }

  // Requests the fake received for the pulls listing / the repository.
  std::size_t requests_to(const std::string& suffix) {
    std::size_t n = 0;
    for (const auto& r : github.requests()) {
      if (r.path.size() >= suffix.size() &&
          r.path.compare(r.path.size() - suffix.size(), suffix.size(), suffix) == 0) {
        ++n;
      }
    }
    return n;
  }

  fake_github::FakeGitHub github;
  backfill::testing::ManualClock clock;
  cli::Config config;
  std::ostringstream out;

 private:
  backfill::testing::FreshStore fresh_;
};

inline auto backends() {
  return ::testing::Values(store::Backend::kSqlite, store::Backend::kPostgres);
}
inline std::string backend_test_name(const ::testing::TestParamInfo<store::Backend>& info) {
  return backfill::testing::backend_name(info.param);
}

}  // namespace backfill::fleet::testing
