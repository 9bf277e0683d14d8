#pragma once
// How the PostgreSQL store connects: never without a time limit, and never
// past a stop request (SIGINT/SIGTERM, process_cancel_token()).
//
// - connect_timeout: 10 s unless the URL (?connect_timeout=N) or
//   PGCONNECT_TIMEOUT says otherwise; a server that accepts the TCP
//   connection but never answers fails the connection then, with a message
//   saying so. (libpq enforces it only in blocking connects; the connect
//   here polls, so it enforces it itself.)
// - Session limits fit for a chunk: statement_timeout 5 min,
//   idle_in_transaction_session_timeout 10 min, unless the URL sets them
//   (options=-c ...).
// - A stop request ends a connection attempt within kStopGrace: long
//   enough for a healthy server to take the final `paused`, short enough
//   for the process to exit within 2 s. Once one such attempt failed, later
//   ones (the run record, say) fail at once.
//
// The same connect runs when libpqxx reconnects a broken connection (its
// "reactivation"), so a store survives a database restart between two
// statements.
#include <pqxx/pqxx>

#include <chrono>
#include <memory>
#include <string>

namespace backfill::store::postgres {

inline constexpr std::chrono::milliseconds kStopGrace{400};

// `url` with connect_timeout=10 added unless it, or `environment_sets_it`
// (PGCONNECT_TIMEOUT), already sets one.
std::string with_default_connect_timeout(const std::string& url, bool environment_sets_it);

// The libpqxx connection policy behind Connection.
class InterruptibleConnect final : public pqxx::connectionpolicy {
 public:
  explicit InterruptibleConnect(const std::string& options) : pqxx::connectionpolicy(options) {}
  handle do_startconnect(handle orig) override;
  // Drops a broken handle, so that libpqxx reconnects through
  // do_startconnect rather than a blocking PQreset().
  handle do_dropconnect(handle orig) noexcept override;
};

using Connection = pqxx::basic_connection_base<InterruptibleConnect>;

// Connects to `url` (a libpq URI) as described above. Throws
// pqxx::broken_connection with libpq's reason (or "no answer within N s"),
// or backfill::Cancelled when a stop request ended the attempt.
std::unique_ptr<Connection> open_connection(const std::string& url);

}  // namespace backfill::store::postgres
