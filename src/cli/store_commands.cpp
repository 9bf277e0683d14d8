// `backfill status` and `backfill migrate`: the database alone, no GitHub.
#include <nlohmann/json.hpp>
#include <ostream>

#include "backfill/cli/commands.hpp"
#include "backfill/cli/scope_table.hpp"
#include "backfill/cli/status_freshness.hpp"
#include "backfill/cli/status_table.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/store/store.hpp"
#include "cli/open_store.hpp"

namespace backfill::cli {

int command_status(const Config& config, const StatusOptions& options, std::ostream& out) {
  auto store = open_migrated_store(config);
  const bool all = options.all || config.repo.has_value();
  auto rows = store->backfills(config.repo, all);
  Freshness fresh;
  for (const auto& row : rows) {
    if (row.status != store::Status::kCompleted) continue;
    const auto repository = store->find_repository(parse_repo_name(row.repository));
    if (!repository) continue;
    if (auto state = store->load_refresh(repository->id, store::kListScope)) {
      fresh[row.repository] = *state;
    }
  }
  // Depth scopes (--with) have progress of their own, shown after the list.
  auto scopes = shown_scopes(store->scopes(config.repo), all);
  // A completed depth scope's freshness is its own refresh's.
  ScopeFreshness scope_fresh;
  for (const auto& scope : scopes) {
    if (scope.status != store::Status::kCompleted) continue;
    const auto repository = store->find_repository(parse_repo_name(scope.repository));
    if (!repository) continue;
    if (auto state = store->load_refresh(repository->id, scope.scope)) {
      scope_fresh[{scope.repository, scope.scope}] = *state;
    }
  }
  if (options.json) {
    auto list = status_json(rows);
    add_freshness(list, rows, fresh);
    for (auto& row : list) row["scope"] = kListScope;
    auto depth = scope_json(scopes);
    add_scope_freshness(depth, scopes, scope_fresh);
    for (auto& row : depth) list.push_back(row);
    out << list.dump(2) << "\n";
  } else {
    out << (rows.empty() && !scopes.empty() ? "" : status_table(rows))
        << freshness_lines(rows, fresh) << scope_table(scopes)
        << scope_freshness_lines(scopes, scope_fresh);
  }
  return kExitCompleted;
}

int command_migrate(const Config& config, std::ostream& out) {
  auto store = store::open_store(config.database_url);
  auto applied = store->migrate();
  if (applied.empty()) {
    out << "schema is up to date\n";
  } else {
    for (const auto& version : applied) out << "applied " << version << "\n";
  }
  return kExitCompleted;
}

}  // namespace backfill::cli
