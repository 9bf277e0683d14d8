#pragma once
// Errors of the store that callers tell apart from other failures.
#include <string>
#include <utility>

#include "backfill/core/errors.hpp"

namespace backfill::store {

// The database stopped answering (PostgreSQL: the connection broke, or the
// outcome of a commit is unknown). Everything committed before it stays;
// the store connects again on its next call, so a caller may retry once the
// database is back.
class ConnectionLost : public FatalError {
 public:
  ConnectionLost(std::string database, std::string cause)
      : FatalError(database + ": " + cause),
        database_(std::move(database)),
        cause_(std::move(cause)) {}
  const std::string& database() const { return database_; }  // "PostgreSQL"
  const std::string& cause() const { return cause_; }        // one line, no secrets

 private:
  std::string database_;
  std::string cause_;
};

}  // namespace backfill::store
