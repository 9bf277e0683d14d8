#pragma once
// Reads a database behind the program's back, with plain SQL, so end-to-end
// tests check what is really stored rather than what the store says.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace backfill::testing {

using Row = std::vector<std::optional<std::string>>;

// `database_url` as the program takes it (sqlite:PATH or postgresql://...).
std::vector<Row> query(const std::string& database_url, const std::string& sql);
std::optional<std::string> query_value(const std::string& database_url, const std::string& sql);
std::int64_t query_int(const std::string& database_url, const std::string& sql);
// Column 0 of every row, as integers (e.g. PR numbers).
std::vector<std::int64_t> query_ints(const std::string& database_url, const std::string& sql);
// A statement that changes the database (a test setting the stage behind
// the program's back); throws std::runtime_error with the engine's message.
void execute_statement(const std::string& database_url, const std::string& sql);

}  // namespace backfill::testing
