#pragma once
// Which PRs go into each round of follow-up queries, and with which
// cursors: pure bookkeeping, no I/O (engine/child_follow_ups.cpp sends the
// rounds). Every PR still having more reviews or comments takes a slot of
// the next round, in page order, up to the slots a query may hold, so that
// N heavy PRs cost one point per round rather than one each; a PR done or
// gone (deleted meanwhile) leaves its slot to the others, and one with
// 20,000 comments goes on alone once the others are done.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "backfill/github/follow_up_query.hpp"
#include "backfill/github/graphql_pulls.hpp"

namespace backfill::engine {

// Where one PR's children stand after the page (or the last round).
struct PullFollowUp {
  std::int64_t number = 0;  // for messages
  std::string node_id;
  github::ChildConnection reviews;
  github::ChildConnection comments;
};

class FollowUpRounds {
 public:
  explicit FollowUpRounds(std::vector<PullFollowUp> pulls,
                          int slots_per_round = github::kFollowUpSlots);

  // The PRs (indices into the constructor's list) of the next round: those
  // still having more, in order, at most slots_per_round; empty when all
  // are done. Throws FatalError for a PR whose follow-ups do not come to an
  // end (a next page without a cursor, or more rounds than its counts allow).
  std::vector<std::size_t> next_round();
  // PR `i`'s slot in the round: its node id and the cursor of each kind
  // that has more (a kind done is not asked for).
  github::FollowUpSlot slot(std::size_t i) const;
  // PR `i`'s reply in the round: the kinds asked for move on; not found
  // ends its follow-ups.
  void answered(std::size_t i, const github::GraphqlChildren& reply);

  bool gone(std::size_t i) const { return pulls_.at(i).gone; }
  bool has_more(std::size_t i) const;
  std::int64_t number(std::size_t i) const { return pulls_.at(i).pull.number; }

 private:
  struct State {
    PullFollowUp pull;
    std::int64_t rounds = 0;       // queries it had a slot in
    std::int64_t most_rounds = 0;  // what its counts allow
    bool gone = false;
  };
  std::vector<State> pulls_;
  int slots_per_round_;
};

}  // namespace backfill::engine
