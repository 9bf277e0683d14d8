#include "support/serve_process.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace backfill::testing {

httplib::Client ServeProcess::client() const {
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(10, 0);
  return c;
}

ServeProcess await_serving(std::unique_ptr<ChildProcess> process) {
  ServeProcess serve;
  // The whole line: the port, then the database.
  const bool up = process->wait_for_stderr(" (database ");
  EXPECT_TRUE(up) << process->stderr_so_far();
  std::smatch m;
  const std::string err = process->stderr_so_far();
  if (up && std::regex_search(err, m, std::regex("serving on port ([0-9]+)"))) {
    serve.port = std::stoi(m[1]);
  }
  serve.process = std::move(process);
  return serve;
}

}  // namespace backfill::testing
