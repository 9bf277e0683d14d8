#include "store/repository_upsert.hpp"

#include "backfill/core/errors.hpp"
#include "store/chunk_rows.hpp"

namespace backfill::store {

Repository upsert_repository_in(RepositoryRows& rows, std::int64_t github_id, const RepoName& name,
                                const std::string& now) {
  const RepoName clean{strip_nul(name.owner), strip_nul(name.name)};
  std::optional<Repository> existing = rows.by_github_id(github_id);
  if (!existing) {
    // A row made under this name before its GitHub id was known is adopted;
    // one that belongs to another GitHub repository is not ours to take.
    existing = rows.by_name(clean);
    if (existing && existing->github_id != 0 && existing->github_id != github_id) {
      throw FatalError("repository " + clean.full() + " is stored with GitHub id " +
                       std::to_string(existing->github_id) + " but GitHub now reports id " +
                       std::to_string(github_id) + " (deleted and re-created?)");
    }
  }
  if (!existing) return Repository{rows.insert(github_id, clean, now), github_id, clean};
  Repository updated{existing->id, github_id, clean};
  rows.update(updated, now);
  return updated;
}

}  // namespace backfill::store
