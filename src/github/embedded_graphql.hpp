#pragma once
// The GraphQL query files, compiled in by cmake/EmbedGraphql.cmake. What is
// sent is a query's text with the fragments after it
// (backfill/github/graphql_texts.hpp), never one of these alone.
#include <map>
#include <string>

namespace backfill::github {

// name (file stem of src/github/graphql/*.graphql) -> the file's text.
const std::map<std::string, std::string>& embedded_graphql_queries();

// src/github/graphql/shared/*.graphql, joined: the fragments every query
// spreads.
const std::string& embedded_graphql_fragments();

}  // namespace backfill::github
