#pragma once
// `backfill serve` started by a test: the port it got (--listen
// 127.0.0.1:0) and an HTTP client for it.
#include <httplib.h>

#include <memory>
#include <string>

#include "support/process.hpp"

namespace backfill::testing {

struct ServeProcess {
  std::unique_ptr<ChildProcess> process;
  int port = 0;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
  httplib::Client client() const;
};

// Waits (up to 30 s) for the "serving on port N" line of a started serve
// and returns it with that port; fails the test (port 0) when none comes.
ServeProcess await_serving(std::unique_ptr<ChildProcess> process);

}  // namespace backfill::testing
