#pragma once
// Runs the real `backfill` binary as a child process: arguments, a clean
// environment of the test's choosing, captured stdout/stderr, exit status,
// and signals (SIGINT, SIGTERM, SIGKILL) sent at a moment the test picks.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace backfill::testing {

struct ProcessResult {
  int exit_code = -1;         // when it exited
  std::optional<int> signal;  // when a signal ended it
  std::string out;
  std::string err;
  long max_rss_kib = 0;  // the child's peak resident memory (getrusage ru_maxrss)
};

class ChildProcess {
 public:
  // Starts `program` with `args` and exactly `env` as its environment.
  ChildProcess(const std::string& program, const std::vector<std::string>& args,
               const std::map<std::string, std::string>& env);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  void send(int signal_number);
  // Reads the child's output until stderr contains `needle`; false when the
  // child ends first or `limit` passes. What was read stays for wait().
  bool wait_for_stderr(const std::string& needle,
                       std::chrono::milliseconds limit = std::chrono::seconds(30));
  // What the child wrote to stderr so far (as read by wait_for_stderr).
  const std::string& stderr_so_far() const { return err_so_far_; }
  // Waits for exit (and collects output). Kills it with SIGKILL and fails
  // the wait if it takes longer than `limit`.
  ProcessResult wait(std::chrono::milliseconds limit = std::chrono::seconds(120));

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  bool reaped_ = false;
  std::string out_so_far_;
  std::string err_so_far_;

  // One poll() over the open pipes; false when both are closed.
  bool read_some(std::chrono::milliseconds limit);
};

// Convenience: start, wait, return.
ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env,
                          std::chrono::milliseconds limit = std::chrono::seconds(120));

}  // namespace backfill::testing
