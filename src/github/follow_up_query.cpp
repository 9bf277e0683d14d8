// Writes the follow-up query from its template: the lines between
// "#slot-begin" and "#slot-end" once per slot, "SLOT" replaced by its
// number; comment lines left out.
#include "backfill/github/follow_up_query.hpp"

#include <sstream>
#include <stdexcept>

#include "backfill/github/graphql_texts.hpp"
#include "github/embedded_graphql.hpp"

namespace backfill::github {
namespace {

constexpr const char* kBegin = "#slot-begin";
constexpr const char* kEnd = "#slot-end";
constexpr const char* kMarker = "SLOT";

std::string trimmed(const std::string& line) {
  const auto first = line.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  const auto last = line.find_last_not_of(" \t\r");
  return line.substr(first, last - first + 1);
}

std::string numbered(std::string line, int slot) {
  const std::string number = std::to_string(slot);
  for (auto at = line.find(kMarker); at != std::string::npos;
       at = line.find(kMarker, at + number.size())) {
    line.replace(at, std::string(kMarker).size(), number);
  }
  return line;
}

}  // namespace

std::string follow_up_query_from(const std::string& template_text, int slots) {
  if (slots < 1 || slots > kFollowUpSlots) {
    throw std::invalid_argument("a follow-up query has 1 to " + std::to_string(kFollowUpSlots) +
                                " slots, not " + std::to_string(slots));
  }
  std::istringstream in(template_text);
  std::string out;
  std::string block;
  bool in_slot = false;
  int blocks = 0;
  for (std::string line; std::getline(in, line);) {
    const std::string word = trimmed(line);
    if (word == kBegin) {
      if (in_slot) throw std::invalid_argument("follow-up template: nested " + std::string(kBegin));
      in_slot = true;
      block.clear();
      continue;
    }
    if (word == kEnd) {
      if (!in_slot) throw std::invalid_argument("follow-up template: stray " + std::string(kEnd));
      in_slot = false;
      ++blocks;
      for (int slot = 0; slot < slots; ++slot) out += numbered(block, slot);
      continue;
    }
    // The template's comments are for its readers, not sent with each query.
    if (word.rfind('#', 0) == 0) continue;
    (in_slot ? block : out) += line + "\n";
  }
  if (in_slot || blocks == 0) {
    throw std::invalid_argument("follow-up template: no complete " + std::string(kBegin) + " ... " +
                                kEnd + " block");
  }
  return out;
}

std::string follow_up_query(int slots) {
  return with_shared_fragments(
      follow_up_query_from(embedded_graphql_queries().at("pull_request_children"), slots));
}

bool is_follow_up_slot_alias(const std::string& word) {
  const std::string prefix = kFollowUpSlotAlias;
  if (word.size() <= prefix.size() || word.compare(0, prefix.size(), prefix) != 0) return false;
  for (std::size_t i = prefix.size(); i < word.size(); ++i) {
    if (word[i] < '0' || word[i] > '9') return false;
  }
  return true;
}

}  // namespace backfill::github
