#pragma once
// The Node process that runs GraphQL queries for the fake
// (tests/fake_graphql/server.mjs): graphql-js executing the real query text
// against GitHub's published schema, its resolvers reading the fake's
// generated data back over loopback (graphql_data.hpp). Started per server
// start, stopped with the server; it also exits when its stdin (our end of
// a pipe) closes, so a crashed test leaves no Node behind.
#include <sys/types.h>

#include <atomic>
#include <string>

namespace fake_github {

struct SidecarReply {
  int status = 0;  // 0: the sidecar could not be reached
  std::string body;
};

class GraphqlSidecar {
 public:
  // Where server.mjs and the tools' node_modules live: the build's defaults,
  // or BACKFILL_TOOLS_DIR's node_modules when set.
  static std::string default_script();
  static std::string default_modules();

  GraphqlSidecar(std::string script, std::string modules);
  ~GraphqlSidecar();
  GraphqlSidecar(const GraphqlSidecar&) = delete;
  GraphqlSidecar& operator=(const GraphqlSidecar&) = delete;

  // Spawns Node, serving data from `data_url` with requests carrying
  // `secret`; waits until it listens. Throws std::runtime_error (saying how
  // to install the tools when they are missing).
  void start(const std::string& data_url, const std::string& secret);
  void stop();
  bool running() const { return pid_ > 0; }

  SidecarReply post(const std::string& path, const std::string& json_body) const;

 private:
  std::string script_;
  std::string modules_;
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  std::atomic<int> port_{0};  // read by request threads while stop() clears it
};

}  // namespace fake_github
