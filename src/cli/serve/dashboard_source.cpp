#include "cli/serve/dashboard_source.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include <spdlog/spdlog.h>

#include "backfill/core/redact.hpp"
#include "cli/serve/json_views.hpp"

namespace backfill::cli::serve {

namespace {

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

template <class Read>
auto DashboardSource::with_view(Read&& read)
    -> decltype(read(std::declval<store::DashboardView&>())) {
  std::lock_guard lock(view_mutex_);
  try {
    if (!view_) view_ = open_();
    return read(*view_);
  } catch (...) {
    view_.reset();  // the next read connects again
    throw;
  }
}

std::uint64_t DashboardSource::poll() {
  std::shared_ptr<const store::DashboardSnapshot> snapshot;
  std::optional<std::string> error;
  try {
    snapshot = std::make_shared<const store::DashboardSnapshot>(
        with_view([](store::DashboardView& view) { return view.snapshot(); }));
  } catch (const std::exception& e) {
    error = e.what();
  }
  // What the pages show, at a fixed time: a change here is a change on screen.
  const std::string fingerprint =
      snapshot ? backfills_json(*snapshot, SystemTime{}).dump() : "error: " + *error;
  std::lock_guard lock(state_mutex_);
  if (error && !state_.error) spdlog::warn("cannot read the database: {}", redact(*error));
  if (!error && state_.error) spdlog::info("the database answers again");
  if (snapshot) state_.snapshot = snapshot;
  state_.error = error;
  if (fingerprint != fingerprint_) {
    fingerprint_ = fingerprint;
    ++state_.version;
  }
  return state_.version;
}

SourceState DashboardSource::state() const {
  std::lock_guard lock(state_mutex_);
  return state_;
}

std::optional<DashboardSource::Repository> DashboardSource::repository(const std::string& name) {
  const auto snapshot = state().snapshot;
  if (!snapshot) return std::nullopt;
  const std::string key = lower(name);
  const auto found = std::find_if(snapshot->rows.begin(), snapshot->rows.end(), [&](const auto& r) {
    return lower(r.summary.repository) == key;
  });
  if (found == snapshot->rows.end()) return std::nullopt;
  // The stored spelling: names in the database need not be ones GitHub
  // would accept today.
  const auto& stored = found->summary.repository;
  const auto slash = stored.find('/');
  const RepoName repo{stored.substr(0, slash),
                      slash == std::string::npos ? "" : stored.substr(slash + 1)};
  std::vector<store::ScopeRow> scopes;
  for (const auto& scope : snapshot->scopes) {
    if (scope.summary.repository == stored) scopes.push_back(scope);
  }
  auto history = with_view([&](store::DashboardView& view) { return view.history(repo); });
  return Repository{*found, std::move(scopes), std::move(history)};
}

}  // namespace backfill::cli::serve
