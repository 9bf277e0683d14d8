#pragma once

namespace backfill::cli {

// Parses the command line, runs the command, and maps every error to the
// documented exit code: 0 done, 75 stopped early and resumable, 2 usage,
// 1 failed.
int run_app(int argc, char** argv);

}  // namespace backfill::cli
