#include "backfill/engine/cursor.hpp"

#include <nlohmann/json.hpp>
#include <tuple>

#include "backfill/github/client.hpp"

namespace backfill::engine {

std::string serialize_cursor(const Cursor& c) {
  nlohmann::json j = {{"v", 1},
                      {"per_page", github::kPageSize},
                      {"page", c.page},
                      {"index", c.index},
                      {"number", c.number},
                      {"created_at", c.created_at}};
  return j.dump();
}

std::optional<Cursor> parse_cursor(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || j.value("v", 0) != 1 || j.value("per_page", 0) != github::kPageSize) {
    return std::nullopt;
  }
  try {
    Cursor c{j.at("page").get<long>(), j.at("index").get<long>(),
             j.at("number").get<std::int64_t>(), j.at("created_at").get<std::string>()};
    if (c.page < 1 || c.index < 0 || c.index >= github::kPageSize) return std::nullopt;
    return c;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

namespace {
// GitHub sorts by creation time; PR numbers break ties the way creation did.
bool sorts_after(const PullRequest& pr, const Cursor& last) {
  return std::tie(pr.created_at, pr.number) > std::tie(last.created_at, last.number);
}
}  // namespace

Alignment align_page(const Cursor& last, const std::vector<PullRequest>& items, long page) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].number == last.number) return {Alignment::Action::kContinue, i + 1};
  }
  const bool starts_after = items.empty() || sorts_after(items.front(), last);
  if (starts_after && page > 1) return {Alignment::Action::kStepBack, 0};
  std::size_t i = 0;
  while (i < items.size() && !sorts_after(items[i], last)) ++i;
  return {Alignment::Action::kContinue, i};
}

}  // namespace backfill::engine
