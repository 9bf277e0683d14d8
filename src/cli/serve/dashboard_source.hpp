#pragma once
// The one reader of the database behind `backfill serve`: poll() (every
// second, from one thread) reads a snapshot and bumps the version when it
// changed; pages, JSON and metrics are served from the latest snapshot, so
// a hundred viewers cost the database nothing more than one. A failed read
// drops the connection and the next poll opens a fresh one, so the server
// comes back with the database.
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "backfill/core/clock.hpp"
#include "backfill/core/repo_name.hpp"
#include "backfill/store/dashboard_view.hpp"

namespace backfill::cli::serve {

struct SourceState {
  std::shared_ptr<const store::DashboardSnapshot> snapshot;  // null until the first good read
  std::optional<std::string> error;  // why the latest read failed; nullopt when it worked
  std::uint64_t version = 0;         // changes whenever the snapshot or the error does
};

class DashboardSource {
 public:
  using Open = std::function<std::unique_ptr<store::DashboardView>()>;
  explicit DashboardSource(Open open) : open_(std::move(open)) {}

  // Reads once; returns the version after the read.
  std::uint64_t poll();
  SourceState state() const;

  // The repository "owner/name" (any case): its row and depth scopes (from
  // the latest snapshot) and history (read now), nullopt when it is
  // unknown. Throws when the database cannot be read.
  struct Repository {
    store::DashboardRow row;
    std::vector<store::ScopeRow> scopes;
    store::RepositoryHistory history;
  };
  std::optional<Repository> repository(const std::string& name);

 private:
  // Runs `read` on the view, opening it first if needed; drops it on failure.
  template <class Read>
  auto with_view(Read&& read) -> decltype(read(std::declval<store::DashboardView&>()));

  Open open_;
  std::mutex view_mutex_;  // the view: one query at a time
  std::unique_ptr<store::DashboardView> view_;
  mutable std::mutex state_mutex_;
  SourceState state_;
  std::string fingerprint_;
};

}  // namespace backfill::cli::serve
