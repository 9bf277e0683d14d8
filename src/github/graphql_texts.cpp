#include "backfill/github/graphql_texts.hpp"

#include "github/embedded_graphql.hpp"

namespace backfill::github {

std::string with_shared_fragments(const std::string& query) {
  return query + embedded_graphql_fragments();
}

std::string graphql_query_text(const std::string& name) {
  return with_shared_fragments(embedded_graphql_queries().at(name));
}

std::vector<std::string> graphql_query_names() {
  std::vector<std::string> names;
  for (const auto& [name, text] : embedded_graphql_queries()) names.push_back(name);
  return names;
}

}  // namespace backfill::github
