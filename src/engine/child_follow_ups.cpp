#include "engine/child_follow_ups.hpp"

#include "backfill/core/errors.hpp"

namespace backfill::engine {

bool needs_follow_ups(const github::GraphqlPull& pull) {
  return pull.reviews.has_next || pull.comments.has_next;
}

bool store_with_follow_ups(github::GraphqlPull& pull, const std::string& repository_id,
                           FollowUpDeps deps,
                           const std::function<void(const DeepPullRequest&)>& stored) {
  const auto now = [&] { return format_iso8601(deps.clock.now()); };
  const auto store = [&](DeepPullRequest batch) {
    if (stored) stored(batch);
    deps.store.upsert_pull_children({repository_id, std::move(batch), now()});
  };
  // The PR and what the page brought of its children first; then page
  // after page of the rest, each stored as it arrives.
  store(pull.deep);
  pull.deep.reviews.clear();
  pull.deep.comments.clear();
  github::ChildConnection reviews = pull.reviews;
  github::ChildConnection comments = pull.comments;
  // GitHub's counts bound the follow-ups: a listing that goes on past
  // them (a cursor that does not move) ends the run, not a loop.
  const std::int64_t most_pages = (reviews.total + comments.total) / github::kFollowUpChildren + 2;
  for (std::int64_t pages = 0; reviews.has_next || comments.has_next; ++pages) {
    if (pages > most_pages || (reviews.has_next && !reviews.end_cursor) ||
        (comments.has_next && !comments.end_cursor)) {
      throw FatalError("GraphQL follow-ups of pull request #" +
                       std::to_string(pull.deep.pull.number) +
                       " do not come to an end (more pages than its counts allow)");
    }
    auto more = deps.runner.run("GraphQL follow-up of #" + std::to_string(pull.deep.pull.number),
                                deps.client.last_graphql_rate_limit(), [&] {
                                  return github::fetch_children(
                                      deps.graphql, pull.node_id,
                                      reviews.has_next ? reviews.end_cursor : std::nullopt,
                                      comments.has_next ? comments.end_cursor : std::nullopt);
                                });
    if (!more.found) return false;  // deleted meanwhile: nothing more to store
    const bool asked_reviews = reviews.has_next;
    const bool asked_comments = comments.has_next;
    if (asked_reviews) reviews = more.reviews;
    if (asked_comments) comments = more.comments;
    DeepPullRequest batch;
    batch.pull = pull.deep.pull;
    batch.details = pull.deep.details;
    batch.reviews = std::move(more.review_items);
    batch.comments = std::move(more.comment_items);
    store(std::move(batch));
  }
  return true;
}

}  // namespace backfill::engine
