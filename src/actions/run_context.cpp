#include "backfill/actions/run_context.hpp"

namespace backfill::actions {

std::optional<std::string> actions_run_url(const EnvLookup& env) {
  auto value = [&](const char* name) -> std::string { return env(name).value_or(""); };
  std::string server = value("GITHUB_SERVER_URL");
  const std::string repository = value("GITHUB_REPOSITORY");
  const std::string run_id = value("GITHUB_RUN_ID");
  if (server.empty() || repository.empty() || run_id.empty()) return std::nullopt;
  while (!server.empty() && server.back() == '/') server.pop_back();
  return server + "/" + repository + "/actions/runs/" + run_id;
}

std::string trigger_for(const std::optional<std::string>& event_name) {
  if (!event_name || event_name->empty()) return "terminal";
  return *event_name;
}

}  // namespace backfill::actions
