#pragma once
// A PostgreSQL server of a test's own (scripts/pg-test-server.sh), which the
// test may stop abruptly and start again without disturbing the suite's
// shared server.
#include <string>

namespace backfill::testing {

class ThrowawayPostgres {
 public:
  ThrowawayPostgres();  // throws std::runtime_error when it cannot start
  ~ThrowawayPostgres();
  ThrowawayPostgres(const ThrowawayPostgres&) = delete;
  ThrowawayPostgres& operator=(const ThrowawayPostgres&) = delete;

  // postgresql://postgres@127.0.0.1:PORT/postgres
  const std::string& url() const { return url_; }
  // pg_ctl stop -m immediate: every backend dies at once, as in a crash.
  void stop_immediately();
  // On the same port, after crash recovery.
  void start_again();

 private:
  std::string directory_;
  std::string url_;
  std::string port_;
};

}  // namespace backfill::testing
