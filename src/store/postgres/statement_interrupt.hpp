#pragma once
// Statements that a stop request (SIGINT/SIGTERM, process_cancel_token())
// can end. libpq waits for a reply without a limit; a silent or stuck
// server (a lock wait, a network gone quiet) would hold the process past
// the 2 s it has to exit. While an InterruptibleStatement lives, a watcher
// thread shuts its connection's socket down once a stop request is older
// than kStopGrace (pg_connect.hpp) and the statement is still running:
// libpq then fails the statement as a broken connection, the server rolls
// its transaction back, and the store reconnects for what comes next (the
// final `paused`), under the same grace. A healthy statement finishes well
// within it, so a chunk that was committing still commits.
//
// (pqxx::connection::cancel_query() is not used: PQcancel opens a new
// connection to the same server and waits for it with no limit, which is
// exactly what a silent server never answers.)

namespace backfill::store::postgres {

class InterruptibleStatement {
 public:
  // `socket`: the connection's (pqxx::connection_base::sock()); -1 registers
  // nothing.
  explicit InterruptibleStatement(int socket);
  ~InterruptibleStatement();
  InterruptibleStatement(const InterruptibleStatement&) = delete;
  InterruptibleStatement& operator=(const InterruptibleStatement&) = delete;

 private:
  unsigned long id_ = 0;  // 0: nothing registered
};

}  // namespace backfill::store::postgres
