#pragma once
// The GraphQL query files, compiled in by cmake/EmbedGraphql.cmake.
#include <map>
#include <string>

namespace backfill::github {

// name (file stem) -> query text.
const std::map<std::string, std::string>& embedded_graphql_queries();

}  // namespace backfill::github
