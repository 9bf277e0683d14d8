#pragma once
// The GraphQL texts the program sends: each file of src/github/graphql/
// followed by the fragments the queries share (src/github/graphql/shared/),
// so a review, a comment or an author is selected the same way by the page
// query and by the follow-ups.
#include <string>
#include <vector>

namespace backfill::github {

// `query` (a query's own text) followed by the shared fragments.
std::string with_shared_fragments(const std::string& query);

// The text sent for the query file NAME (its stem). Throws
// std::out_of_range for a name with no file.
std::string graphql_query_text(const std::string& name);

// The stems of every query file, sorted (the follow-up template,
// pull_request_children, among them).
std::vector<std::string> graphql_query_names();

}  // namespace backfill::github
