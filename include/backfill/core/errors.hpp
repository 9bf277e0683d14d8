#pragma once
// Exceptions that cross layers. main() catches them once and maps them to the
// documented exit codes; nothing below main() calls exit().
#include <stdexcept>
#include <string>

namespace backfill {

enum ExitCode : int {
  kExitCompleted = 0,
  kExitFailed = 1,
  kExitUsage = 2,
  kExitResumable = 75,  // EX_TEMPFAIL: progress saved, run again to continue
};

// Bad command line, environment, event payload or URL. Nothing was written.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The run cannot go on; the message says why. Committed chunks stay.
class FatalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Another process holds the repository. Nothing was written.
class RepositoryBusy : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The run was asked to stop (signal) while blocked; callers unwind to a
// chunk boundary and record `paused`.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

}  // namespace backfill
