#pragma once
// The text of the follow-up query for N pull requests at once: the template
// src/github/graphql/pull_request_children.graphql with its slot written N
// times, one alias per PR (pull0, pull1, ...), so that one query, one point,
// brings the next page of every PR that still has more.
#include <string>

namespace backfill::github {

// GitHub prices a query by the connections it may fetch (rounded hundredths,
// at least 1 point): a slot asks for two (reviews, comments), so 49 slots
// are 98 requests, 1 point, whatever rounding GitHub applies; and a page
// holds at most kCheapestPage (49) PRs, so every PR of a page fits in one
// round. At 100 children per connection that is 9,800 nodes, far below
// GitHub's 500,000.
inline constexpr int kFollowUpSlots = 49;
// The alias of slot i is kFollowUpSlotAlias + i.
inline constexpr const char* kFollowUpSlotAlias = "pull";

// The query for `slots` PRs (1..kFollowUpSlots), from the embedded template,
// with the shared fragments (github/graphql_texts.hpp): the text sent.
// Throws std::invalid_argument for a count out of range.
std::string follow_up_query(int slots);

// The slots written from any template text, without the fragments (the
// query checker validates the generated texts; tests give broken
// templates). Throws
// std::invalid_argument when the template has no slot or the count is out
// of range.
std::string follow_up_query_from(const std::string& template_text, int slots);

// Whether a reply's path word is a slot's alias (NOT_FOUND there is a PR
// deleted meanwhile, not a failed query).
bool is_follow_up_slot_alias(const std::string& word);

}  // namespace backfill::github
