#include "store/postgres/pull_upserts.hpp"

namespace backfill::store::postgres {

PullArrays::PullArrays(const ChunkRows& rows) {
  for (const auto& a : rows.authors) {
    author_ids.add_int(a.github_id);
    logins.add_text(a.login);
    avatars.add_text(a.avatar_url);
    types.add_text(a.type);
  }
  for (const auto& p : rows.pulls) {
    ids.add_int(p.github_id);
    numbers.add_int(p.number);
    titles.add_text(p.title);
    bodies.add_text(p.body);
    states.add_text(p.state);
    drafts.add_bool(p.draft);
    authors.add_int(p.author_github_id);
    created.add_text(p.created_at);
    updated.add_text(p.updated_at);
    closed.add_text(p.closed_at);
    merged.add_text(p.merged_at);
    shas.add_text(p.merge_commit_sha);
    heads.add_text(p.head_ref);
    bases.add_text(p.base_ref);
    urls.add_text(p.html_url);
  }
}

void upsert_contributors(pqxx::work& tx, const PullArrays& a, const ChunkRows& rows) {
  if (rows.authors.empty()) return;
  tx.exec_prepared("upsert_contributors", a.author_ids.str(), a.logins.str(), a.avatars.str(),
                   a.types.str(), rows.now);
}

std::int64_t upsert_pulls(pqxx::work& tx, const std::string& repository_id, const PullArrays& a,
                          const ChunkRows& rows) {
  if (rows.pulls.empty()) return 0;
  return tx
      .exec_prepared1("upsert_pulls", repository_id, a.ids.str(), a.numbers.str(), a.titles.str(),
                      a.bodies.str(), a.states.str(), a.drafts.str(), a.authors.str(),
                      a.created.str(), a.updated.str(), a.closed.str(), a.merged.str(),
                      a.shas.str(), a.heads.str(), a.bases.str(), a.urls.str(), rows.now)[0]
      .as<std::int64_t>();
}

}  // namespace backfill::store::postgres
