// `backfill serve` (serve_command.hpp): one poller thread reads the database
// every second; the HTTP server's pool answers from what it read.
#include "backfill/cli/serve_command.hpp"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <ostream>
#include <thread>

#include "backfill/core/cancel.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"
#include "backfill/store/dashboard_view.hpp"
#include "cli/serve/change_hub.hpp"
#include "cli/serve/dashboard_source.hpp"
#include "cli/serve/listen_address.hpp"
#include "cli/serve/routes.hpp"

namespace backfill::cli {

namespace {

// Live viewers at once, and the threads serving them: each event stream
// holds a pool thread while it sleeps on the hub, and the rest answer pages
// and API calls. httplib's default pool (8 threads) would hold 8 viewers.
constexpr int kMaxViewers = 200;
constexpr int kPoolThreads = kMaxViewers + 32;
constexpr std::chrono::seconds kPollEvery{1};

void check_token(const std::string& token) {
  if (token.empty()) throw UsageError("--read-only-token: the token is empty");
  for (char c : token) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= ' ' || byte >= 0x7f || c == ';' || c == ',' || c == '"' || c == '\\') {
      throw UsageError(
          "--read-only-token: use letters, digits and punctuation other than ; , \" \\ "
          "(no spaces), so that it fits a header and a cookie");
    }
  }
}

}  // namespace

int command_serve(const Config& config, ServeOptions options, const EnvLookup& env,
                  std::ostream& out) {
  const auto address = serve::parse_listen_address(options.listen);
  if (!options.token) options.token = env(kServeTokenVariable);
  if (options.token) {
    check_token(*options.token);
    register_secret(*options.token);
  }
  if (!serve::is_loopback(address.host)) {
    spdlog::warn("listening on {}: the dashboard is readable by anyone who can reach this port{}",
                 options.listen,
                 options.token ? " and has the read-only token"
                               : "; set --read-only-token or BACKFILL_SERVE_TOKEN to require one");
  }

  install_stop_signal_handlers();
  CancelToken& cancel = process_cancel_token();
  SystemClock clock;
  const std::string database_url = config.database_url;
  serve::DashboardSource source(
      [database_url] { return store::open_dashboard_view(database_url); });
  serve::ChangeHub hub(kMaxViewers);
  serve::RouteContext context{source, hub, clock, options.token};

  httplib::Server server;
  server.new_task_queue = [] { return new httplib::ThreadPool(kPoolThreads); };
  server.set_keep_alive_timeout(2);
  server.set_read_timeout(5, 0);
  server.set_write_timeout(5, 0);
  serve::add_routes(server, context);

  hub.publish(source.poll());  // the first page already has data
  int port = address.port;
  if (port == 0) {
    port = server.bind_to_any_port(address.host);
  } else if (!server.bind_to_port(address.host, port)) {
    port = -1;
  }
  if (port < 0) {
    throw FatalError("cannot listen on " + options.listen +
                     " (address in use, not an address of this machine, or not allowed)");
  }
  const bool v6 = address.host.find(':') != std::string::npos;
  out << "serving http://" << (v6 ? "[" + address.host + "]" : address.host) << ":" << port << "/"
      << std::endl;
  spdlog::info("serving on port {} (database {})", port, redact(database_url));

  std::thread listener([&] { server.listen_after_bind(); });
  std::thread poller([&] {
    while (!cancel.stop_requested() && !hub.stopping()) {
      if (!clock.sleep_for(kPollEvery, cancel)) break;
      hub.publish(source.poll());
    }
  });
  while (!cancel.stop_requested()) clock.sleep_for(std::chrono::milliseconds(100), cancel);
  spdlog::info("stopping");
  hub.stop();  // every event stream ends, freeing its thread
  server.stop();
  listener.join();
  poller.join();
  return 0;
}

}  // namespace backfill::cli
