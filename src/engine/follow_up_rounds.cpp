#include "engine/follow_up_rounds.hpp"

#include <stdexcept>

#include "backfill/core/errors.hpp"

namespace backfill::engine {

FollowUpRounds::FollowUpRounds(std::vector<PullFollowUp> pulls, int slots_per_round)
    : slots_per_round_(slots_per_round) {
  if (slots_per_round < 1 || slots_per_round > github::kFollowUpSlots) {
    throw std::invalid_argument("follow-up rounds of " + std::to_string(slots_per_round) +
                                " slots");
  }
  pulls_.reserve(pulls.size());
  for (auto& pull : pulls) {
    State state;
    // GitHub's counts bound the follow-ups: a listing that goes on past
    // them (a cursor that does not move) ends the run, not a loop.
    state.most_rounds = (pull.reviews.total + pull.comments.total) / github::kFollowUpChildren + 2;
    state.pull = std::move(pull);
    pulls_.push_back(std::move(state));
  }
}

bool FollowUpRounds::has_more(std::size_t i) const {
  const State& state = pulls_.at(i);
  return !state.gone && (state.pull.reviews.has_next || state.pull.comments.has_next);
}

std::vector<std::size_t> FollowUpRounds::next_round() {
  std::vector<std::size_t> round;
  for (std::size_t i = 0; i < pulls_.size(); ++i) {
    if (static_cast<int>(round.size()) == slots_per_round_) break;
    if (!has_more(i)) continue;
    State& state = pulls_[i];
    const PullFollowUp& pull = state.pull;
    if (state.rounds > state.most_rounds || (pull.reviews.has_next && !pull.reviews.end_cursor) ||
        (pull.comments.has_next && !pull.comments.end_cursor)) {
      throw FatalError("GraphQL follow-ups of pull request #" + std::to_string(pull.number) +
                       " do not come to an end (more pages than its counts allow)");
    }
    ++state.rounds;
    round.push_back(i);
  }
  return round;
}

github::FollowUpSlot FollowUpRounds::slot(std::size_t i) const {
  const PullFollowUp& pull = pulls_.at(i).pull;
  github::FollowUpSlot slot;
  slot.node_id = pull.node_id;
  if (pull.reviews.has_next) slot.reviews_after = pull.reviews.end_cursor;
  if (pull.comments.has_next) slot.comments_after = pull.comments.end_cursor;
  return slot;
}

void FollowUpRounds::answered(std::size_t i, const github::GraphqlChildren& reply) {
  State& state = pulls_.at(i);
  if (!reply.found) {
    state.gone = true;  // deleted meanwhile: nothing more to ask for
    return;
  }
  if (state.pull.reviews.has_next) state.pull.reviews = reply.reviews;
  if (state.pull.comments.has_next) state.pull.comments = reply.comments;
}

}  // namespace backfill::engine
