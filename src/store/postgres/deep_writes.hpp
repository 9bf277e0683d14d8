#pragma once
// The rows of a depth chunk or of a heavy PR's children (store/deep_rows.hpp)
// written inside the caller's transaction: authors, PRs, details, reviews,
// comments (postgres_depth.cpp). The depth pass and the refresh of a depth
// scope write them alike.
#include <string>

#include <pqxx/pqxx>

#include "store/deep_rows.hpp"

namespace backfill::store::postgres {

void write_deep_rows(pqxx::work& tx, const std::string& repository_id, const DeepRows& rows);

}  // namespace backfill::store::postgres
