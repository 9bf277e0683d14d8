#include "backfill/actions/run_settings.hpp"

namespace backfill::actions {

namespace {

// Repository names and durations are validated, so quoting is only a guard
// for whatever a caller passes in unvalidated.
std::string shell_word(const std::string& word) {
  const bool plain = !word.empty() && word.find_first_not_of(
                                          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                          "0123456789._-/:+=@,") == std::string::npos;
  if (plain) return word;
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

std::string resume_command(const RepoName& repo, const RunSettings& settings) {
  std::string command = "backfill --repo " + shell_word(repo.full());
  if (settings.chunk_size && *settings.chunk_size != kDefaultChunkSize) {
    command += " --chunk-size " + std::to_string(*settings.chunk_size);
  }
  if (settings.max_chunks) command += " --max-chunks " + std::to_string(*settings.max_chunks);
  if (settings.time_budget) command += " --time-budget " + shell_word(*settings.time_budget);
  if (settings.with) command += " --with " + shell_word(*settings.with);
  return command;
}

}  // namespace backfill::actions
