// Connecting, reconnecting, and what libpqxx failures become (postgres_store_impl.hpp).
#include <pqxx/pqxx>

#include "backfill/core/cancel.hpp"
#include "backfill/store/errors.hpp"
#include "store/postgres/postgres_store_impl.hpp"

namespace backfill::store::postgres {

namespace {

std::string cause_of(const std::string& url, const std::exception& e) {
  return scrub_database_error(url, short_error(e.what()));
}

}  // namespace

std::unique_ptr<Connection> connect(const std::string& url) {
  try {
    return open_connection(url);
  } catch (const pqxx::failure& e) {
    throw FatalError(scrub_database_error(
        url, "cannot connect to PostgreSQL at " + url + ": " + short_error(e.what())));
  }
}

void rethrow_as_program_error(const std::string& url, pqxx::connection_base& db,
                              const pqxx::failure& e) {
  const bool broken = dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr ||
                      dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr || !db.is_open();
  if (broken && process_cancel_token().stop_requested()) throw Cancelled();
  if (broken) throw ConnectionLost("PostgreSQL", cause_of(url, e));
  throw FatalError("PostgreSQL: " + cause_of(url, e));
}

void Session::reconnect_if_broken() {
  if (db && db->is_open()) return;
  try {
    auto fresh = open_connection(url);
    if (prepare) prepare(*fresh);
    db = std::move(fresh);
  } catch (const pqxx::failure& e) {
    if (process_cancel_token().stop_requested()) throw Cancelled();
    throw ConnectionLost("PostgreSQL", "cannot connect again: " + cause_of(url, e));
  }
}

}  // namespace backfill::store::postgres
