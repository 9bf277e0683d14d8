#include "store/postgres/pg_connect.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <optional>

#include "backfill/core/cancel.hpp"
#include "backfill/core/errors.hpp"

namespace backfill::store::postgres {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kPollSlice{50};
constexpr int kDefaultConnectTimeoutSeconds = 10;

// Set once a connection attempt after a stop request failed: the database
// is not taking anything more, so later attempts fail at once.
std::atomic<bool> gave_up_after_stop{false};

bool url_sets(const std::string& url, const std::string& parameter) {
  const auto query = url.find('?');
  if (query == std::string::npos) return false;
  for (std::size_t at = query + 1; at < url.size();) {
    const auto end = std::min(url.find('&', at), url.size());
    if (url.compare(at, parameter.size() + 1, parameter + "=") == 0) return true;
    at = end + 1;
  }
  return false;
}

// The connect_timeout libpq resolved for `conn` (URL, then environment);
// nullopt for none or 0, which libpq means as "wait for ever".
std::optional<std::chrono::seconds> connect_timeout_of(PGconn* conn) {
  PQconninfoOption* options = PQconninfo(conn);
  std::optional<std::chrono::seconds> timeout;
  for (auto* o = options; o && o->keyword; ++o) {
    if (std::string(o->keyword) != "connect_timeout" || !o->val) continue;
    const long seconds = std::strtol(o->val, nullptr, 10);
    if (seconds > 0) timeout = std::chrono::seconds(seconds);
  }
  PQconninfoFree(options);
  return timeout;
}

[[noreturn]] void fail_connect(PGconn* conn, const std::string& message) {
  PQfinish(conn);
  throw pqxx::broken_connection(message);
}

// PQconnectStart/PQconnectPoll, waiting on the socket in short slices so
// that the deadline and stop requests are noticed.
PGconn* connect_interruptibly(const std::string& options) {
  const CancelToken& cancel = process_cancel_token();
  if (cancel.stop_requested() && gave_up_after_stop) throw Cancelled();
  PGconn* conn = PQconnectStart(options.c_str());
  if (conn == nullptr) throw std::bad_alloc();
  if (PQstatus(conn) == CONNECTION_BAD) fail_connect(conn, PQerrorMessage(conn));
  const auto started = Clock::now();
  const auto timeout = connect_timeout_of(conn);
  std::optional<Clock::time_point> stop_seen;
  auto state = PGRES_POLLING_WRITING;  // as libpq says to begin
  while (state != PGRES_POLLING_OK) {
    if (state == PGRES_POLLING_FAILED) fail_connect(conn, PQerrorMessage(conn));
    const auto now = Clock::now();
    if (cancel.stop_requested() && !stop_seen) stop_seen = now;
    if (stop_seen && now - *stop_seen >= kStopGrace) {
      gave_up_after_stop = true;
      PQfinish(conn);
      throw Cancelled();
    }
    if (timeout && now - started >= *timeout) {
      fail_connect(conn,
                   "no answer within " + std::to_string(timeout->count()) + " s (connect_timeout)");
    }
    const short wanted = state == PGRES_POLLING_READING ? POLLIN : POLLOUT;
    pollfd socket{PQsocket(conn), wanted, 0};
    const int ready = ::poll(&socket, 1, static_cast<int>(kPollSlice.count()));
    if (ready < 0 && errno != EINTR) fail_connect(conn, "poll() failed while connecting");
    if (ready > 0) state = PQconnectPoll(conn);
  }
  return conn;
}

}  // namespace

std::string with_default_connect_timeout(const std::string& url, bool environment_sets_it) {
  if (environment_sets_it || url_sets(url, "connect_timeout")) return url;
  const char* separator = url.find('?') == std::string::npos       ? "?"
                          : url.back() == '?' || url.back() == '&' ? ""
                                                                   : "&";
  return url + separator + "connect_timeout=" + std::to_string(kDefaultConnectTimeoutSeconds);
}

InterruptibleConnect::handle InterruptibleConnect::do_startconnect(handle orig) {
  // A handle libpqxx still holds (a broken one) is its to drop; it then
  // calls again without one.
  if (orig) return orig;
  return connect_interruptibly(options());
}

InterruptibleConnect::handle InterruptibleConnect::do_dropconnect(handle orig) noexcept {
  if (orig) PQfinish(orig);
  return nullptr;
}

std::unique_ptr<Connection> open_connection(const std::string& url) {
  const char* env = std::getenv("PGCONNECT_TIMEOUT");
  auto db = std::make_unique<Connection>(
      with_default_connect_timeout(url, env != nullptr && *env != '\0'));
  // Unless the URL's options set them. libpqxx sets them again whenever it
  // reconnects.
  if (url.find("statement_timeout") == std::string::npos) {
    db->set_variable("statement_timeout", "'5min'");
  }
  if (url.find("idle_in_transaction_session_timeout") == std::string::npos) {
    db->set_variable("idle_in_transaction_session_timeout", "'10min'");
  }
  return db;
}

}  // namespace backfill::store::postgres
