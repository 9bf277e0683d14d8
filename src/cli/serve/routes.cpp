#include "cli/serve/routes.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "cli/serve/access_token.hpp"
#include "cli/serve/assets.hpp"
#include "cli/serve/json_views.hpp"
#include "cli/serve/metrics_text.hpp"
#include "cli/serve/pages.hpp"

namespace backfill::cli::serve {

namespace {

// An idle stream still gets a comment this often, so proxies and the
// browser see it alive and a dead one is noticed.
constexpr std::chrono::seconds kHeartbeat{15};
// What EventSource waits before it reconnects after a lost stream.
constexpr int kRetryMs = 1000;

void secure_headers(httplib::Response& res) {
  // Scripts only from the server itself: even markup that slipped through
  // escaping could not run. Inline style attributes draw the bars.
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                 "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
}

void html(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "text/html; charset=utf-8");
}

void json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

std::optional<std::string> header(const httplib::Request& req, const char* name) {
  if (!req.has_header(name)) return std::nullopt;
  return req.get_header_value(name);
}

// The page, or JSON, saying the database cannot be read (503).
bool unavailable(const SourceState& state, httplib::Response& res, bool as_json) {
  if (state.snapshot && !state.error) return false;
  const std::string why = state.error.value_or("the database has not been read yet");
  if (as_json) {
    json(res, 503, {{"error", "database unavailable"}, {"reason", why}});
  } else {
    html(res, 503, unavailable_page(why));
  }
  res.set_header("Retry-After", "1");
  return true;
}

void repository_route(RouteContext& c, const httplib::Request& req, httplib::Response& res,
                      bool as_json) {
  if (unavailable(c.source.state(), res, as_json)) return;
  const std::string asked = std::string(req.matches[1]) + "/" + std::string(req.matches[2]);
  std::optional<DashboardSource::Repository> repo;
  try {
    repo = c.source.repository(asked);
  } catch (const std::exception& e) {
    SourceState failed;
    failed.error = e.what();
    unavailable(failed, res, as_json);
    return;
  }
  if (!repo) {
    if (as_json) json(res, 404, {{"error", "no such repository"}, {"repository", asked}});
    else html(res, 404, not_found_page("no backfill or tracked repository named " + asked));
    return;
  }
  const auto now = c.clock.now();
  if (as_json) {
    json(res, 200, repository_json(repo->row, repo->scopes, repo->history, now));
  } else {
    html(res, 200,
         repository_page(repo->row, repo->scopes, repo->history, now, req.has_param("fragment")));
  }
}

void events_route(RouteContext& c, httplib::Response& res) {
  if (!c.hub.join()) {
    res.status = 503;
    res.set_header("Retry-After", "5");
    res.set_content("too many live viewers; try again later\n", "text/plain");
    return;
  }
  auto seen = std::make_shared<std::optional<std::uint64_t>>();
  res.set_header("X-Accel-Buffering", "no");
  res.set_chunked_content_provider(
      "text/event-stream",
      [&hub = c.hub, seen](std::size_t, httplib::DataSink& sink) {
        auto change = [](std::uint64_t version) {
          return "event: change\ndata: {\"version\":" + std::to_string(version) + "}\n\n";
        };
        std::string message;
        if (!*seen) {
          *seen = hub.version();
          message = "retry: " + std::to_string(kRetryMs) + "\n" + change(**seen);
        } else {
          const auto version = hub.wait(**seen, kHeartbeat);
          if (!version) return false;  // shutting down: end the stream
          message = *version == **seen ? ": alive\n\n" : change(*version);
          *seen = version;
        }
        return sink.write(message.data(), message.size());
      },
      [&hub = c.hub](bool) { hub.leave(); });
}

}  // namespace

void add_routes(httplib::Server& server, RouteContext& c) {
  server.set_pre_routing_handler([&c](const httplib::Request& req, httplib::Response& res) {
    secure_headers(res);
    if (!c.token || req.path == "/healthz") return httplib::Server::HandlerResponse::Unhandled;
    Credentials presented{
        header(req, "Authorization"), header(req, "Cookie"),
        req.has_param("token") ? std::optional(req.get_param_value("token")) : std::nullopt};
    switch (check_access(*c.token, presented)) {
      case Access::kAllowed: return httplib::Server::HandlerResponse::Unhandled;
      case Access::kAllowedSetCookie:
        res.set_header("Set-Cookie", std::string(kTokenCookie) + "=" + *c.token +
                                         "; Path=/; HttpOnly; SameSite=Strict");
        res.set_redirect(req.path, 303);
        return httplib::Server::HandlerResponse::Handled;
      case Access::kDenied: break;
    }
    res.status = 401;
    res.set_header("WWW-Authenticate", "Bearer realm=\"backfill\"");
    res.set_content(
        "this dashboard needs its read-only token: send Authorization: Bearer TOKEN, "
        "or open /?token=TOKEN once in a browser\n",
        "text/plain");
    return httplib::Server::HandlerResponse::Handled;
  });

  server.Get("/healthz", [&c](const httplib::Request&, httplib::Response& res) {
    const auto state = c.source.state();
    nlohmann::json body = {
        {"status", "ok"},
        {"database", state.error ? "unavailable" : (state.snapshot ? "ok" : "unknown")}};
    if (state.error) body["reason"] = *state.error;
    json(res, 200, body);
  });
  server.Get("/", [&c](const httplib::Request&, httplib::Response& res) {
    const auto state = c.source.state();
    if (unavailable(state, res, false)) return;
    html(res, 200, index_page(*state.snapshot, c.clock.now()));
  });
  server.Get("/api/backfills", [&c](const httplib::Request&, httplib::Response& res) {
    const auto state = c.source.state();
    if (unavailable(state, res, true)) return;
    json(res, 200, backfills_json(*state.snapshot, c.clock.now()));
  });
  server.Get(R"(/repos/([^/]+)/([^/]+))",
             [&c](const httplib::Request& req, httplib::Response& res) {
               repository_route(c, req, res, false);
             });
  server.Get(R"(/api/repos/([^/]+)/([^/]+))",
             [&c](const httplib::Request& req, httplib::Response& res) {
               repository_route(c, req, res, true);
             });
  server.Get("/metrics", [&c](const httplib::Request&, httplib::Response& res) {
    const auto state = c.source.state();
    std::optional<store::DashboardSnapshot> snapshot;
    if (state.snapshot && !state.error) snapshot = *state.snapshot;
    res.set_content(render_metrics(snapshot, c.clock.now()),
                    "text/plain; version=0.0.4; charset=utf-8");
  });
  server.Get("/events",
             [&c](const httplib::Request&, httplib::Response& res) { events_route(c, res); });
  server.Get(
      R"(/assets/([a-z]+\.(js|css)))", [](const httplib::Request& req, httplib::Response& res) {
        const std::string name = req.matches[1];
        const auto text = embedded_asset(name);
        if (!text) {
          res.status = 404;
          return;
        }
        const bool script = name.size() > 3 && name.compare(name.size() - 3, 3, ".js") == 0;
        res.set_content(std::string(*text),
                        script ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
      });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.status == 404 && res.body.empty()) html(res, 404, not_found_page("no such page"));
  });
}

}  // namespace backfill::cli::serve
