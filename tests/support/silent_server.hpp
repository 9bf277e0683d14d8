#pragma once
// A TCP server on a loopback port that accepts connections and never says
// a word: a database server that hangs. Connections stay open until it is
// destroyed.
#include <chrono>
#include <string>
#include <vector>

namespace backfill::testing {

class SilentServer {
 public:
  SilentServer();  // throws std::runtime_error
  ~SilentServer();
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;

  int port() const { return port_; }
  // A postgresql:// URL naming this server, with `query` appended ("?...").
  std::string postgres_url(const std::string& query = "") const;
  // Accepts the next connection; false when none came within `limit`.
  bool wait_for_connection(std::chrono::milliseconds limit = std::chrono::seconds(30));

 private:
  int listener_ = -1;
  int port_ = 0;
  std::vector<int> accepted_;
};

}  // namespace backfill::testing
