#include "engine/child_follow_ups.hpp"

#include "engine/follow_up_rounds.hpp"

namespace backfill::engine {
namespace {

// "GraphQL follow-ups of #12, #15, #19 and 4 more", for the runner's logs.
std::string round_label(const FollowUpRounds& rounds, const std::vector<std::size_t>& round) {
  constexpr std::size_t kNamed = 3;
  std::string label = round.size() == 1 ? "GraphQL follow-up of " : "GraphQL follow-ups of ";
  for (std::size_t k = 0; k < round.size() && k < kNamed; ++k) {
    label += (k ? ", #" : "#") + std::to_string(rounds.number(round[k]));
  }
  if (round.size() > kNamed) label += " and " + std::to_string(round.size() - kNamed) + " more";
  return label;
}

}  // namespace

bool needs_follow_ups(const github::GraphqlPull& pull) {
  return pull.reviews.has_next || pull.comments.has_next;
}

std::vector<bool> store_with_follow_ups(
    const std::vector<github::GraphqlPull*>& pulls, const std::string& repository_id,
    FollowUpDeps deps, const std::function<void(std::size_t, const DeepPullRequest&)>& stored) {
  const auto store = [&](std::size_t i, DeepPullRequest batch) {
    if (stored) stored(i, batch);
    deps.store.upsert_pull_children(
        {repository_id, std::move(batch), format_iso8601(deps.clock.now())});
  };
  // Each PR and what the page brought of its children first; then round
  // after round of the rest, each page stored as it arrives.
  std::vector<PullFollowUp> states;
  states.reserve(pulls.size());
  for (std::size_t i = 0; i < pulls.size(); ++i) {
    github::GraphqlPull& pull = *pulls[i];
    store(i, pull.deep);
    pull.deep.reviews.clear();
    pull.deep.comments.clear();
    states.push_back({pull.deep.pull.number, pull.node_id, pull.reviews, pull.comments});
  }
  FollowUpRounds rounds(std::move(states));
  for (auto round = rounds.next_round(); !round.empty(); round = rounds.next_round()) {
    std::vector<github::FollowUpSlot> slots;
    slots.reserve(round.size());
    for (const std::size_t i : round) slots.push_back(rounds.slot(i));
    auto replies =
        deps.runner.run(round_label(rounds, round), deps.client.last_graphql_rate_limit(),
                        [&] { return github::fetch_follow_ups(deps.graphql, slots); });
    for (std::size_t k = 0; k < round.size(); ++k) {
      const std::size_t i = round[k];
      rounds.answered(i, replies[k]);
      if (!replies[k].found) continue;  // deleted meanwhile: nothing more to store
      DeepPullRequest batch;
      batch.pull = pulls[i]->deep.pull;
      batch.details = pulls[i]->deep.details;
      batch.reviews = std::move(replies[k].review_items);
      batch.comments = std::move(replies[k].comment_items);
      store(i, std::move(batch));
    }
  }
  std::vector<bool> whole(pulls.size());
  for (std::size_t i = 0; i < pulls.size(); ++i) whole[i] = !rounds.gone(i);
  return whole;
}

}  // namespace backfill::engine
