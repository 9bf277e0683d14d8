// The libcurl transport against loopback servers: what goes on the wire,
// what comes back, and every way a transfer can fail.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "backfill/github/http.hpp"
#include "github/local_servers.hpp"

namespace {

using namespace backfill::github;
using github_test::Gate;
using github_test::LocalHttpServer;
using github_test::RawReplyServer;

// gzip of [{"id":7,"number":8,"title":"compressed"}], made once with Python.
const std::string kGzippedPage(
    "\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\x8b\xae\x56\xca\x4c\x51\xb2\x32\xd7\x51\xca\x2b"
    "\xcd\x4d\x4a\x2d\x52\xb2\xb2\xd0\x51\x2a\xc9\x2c\xc9\x49\x55\xb2\x52\x4a\xce\xcf\x2d\x28"
    "\x4a\x2d\x2e\x4e\x4d\x51\xaa\x8d\x05\x00\xa0\x95\xd9\xe5\x2a\x00\x00\x00",
    62);

class CurlTransportTest : public ::testing::Test {
 protected:
  void TearDown() override {
    gate_.open();  // release any handler still held, so the server can stop
    server_.stop();
  }
  std::unique_ptr<HttpTransport> transport(long total_timeout_ms = 10'000,
                                           std::size_t max_body_bytes = std::size_t{64} << 20,
                                           std::size_t max_header_bytes = std::size_t{1} << 20) {
    TransportOptions options;
    options.total_timeout_ms = total_timeout_ms;
    options.max_body_bytes = max_body_bytes;
    options.max_header_bytes = max_header_bytes;
    options.user_agent = "backfill-test/1";
    return make_curl_transport(options, cancel_);
  }
  HttpRequest get(const std::string& path) {
    HttpRequest request;
    request.url = server_.url() + path;
    return request;
  }

  Gate gate_;
  LocalHttpServer server_;
  backfill::CancelToken cancel_;
};

TEST_F(CurlTransportTest, ReturnsStatusLowerCasedHeadersAndBody) {
  server_.routes().Get("/hello", [](const httplib::Request&, httplib::Response& res) {
    res.status = 201;
    res.set_header("X-RateLimit-Remaining", "4999");
    res.set_header("Vary", "Accept");
    res.set_header("Vary", "Accept-Encoding");
    res.set_content("hi", "text/plain");
  });
  server_.start();
  auto response = transport()->perform(get("/hello"));
  EXPECT_EQ(response.failure, TransportFailure::kNone);
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.body, "hi");
  EXPECT_EQ(response.headers.get("x-ratelimit-remaining"), "4999");
  EXPECT_EQ(response.headers.get("vary"), "Accept, Accept-Encoding");  // repeated names combine
  EXPECT_EQ(response.effective_url, server_.url() + "/hello");
}

TEST_F(CurlTransportTest, SendsHeadersUserAgentAndAcceptEncoding) {
  std::mutex mutex;
  httplib::Headers seen;
  server_.routes().Get("/h", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    seen = req.headers;
    res.set_content("{}", "application/json");
  });
  server_.start();
  auto request = get("/h");
  request.headers = {"X-Custom: yes"};
  auto response = transport()->perform(request);
  ASSERT_EQ(response.status, 200);
  std::lock_guard lock(mutex);
  EXPECT_EQ(seen.find("X-Custom")->second, "yes");
  EXPECT_EQ(seen.find("User-Agent")->second, "backfill-test/1");
  ASSERT_NE(seen.find("Accept-Encoding"), seen.end());
  EXPECT_NE(seen.find("Accept-Encoding")->second.find("gzip"), std::string::npos);
  EXPECT_EQ(seen.count("Expect"), 0u);
}

TEST_F(CurlTransportTest, AlwaysSendsAUserAgentBecauseGitHubRequiresOne) {
  std::mutex mutex;
  std::string agent;
  server_.routes().Get("/ua", [&](const httplib::Request& req, httplib::Response&) {
    std::lock_guard lock(mutex);
    agent = req.get_header_value("User-Agent");
  });
  server_.start();
  auto http = make_curl_transport(TransportOptions{}, cancel_);  // no user_agent given
  ASSERT_EQ(http->perform(get("/ua")).status, 200);
  std::lock_guard lock(mutex);
  EXPECT_EQ(agent, "backfill/" BACKFILL_VERSION);
}

TEST_F(CurlTransportTest, DecodesAGzippedBody) {
  server_.routes().Get("/gz", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Encoding", "gzip");
    // GitHub's exact type, which cpp-httplib does not compress a second time.
    res.set_content(kGzippedPage, "application/json; charset=utf-8");
  });
  server_.start();
  auto response = transport()->perform(get("/gz"));
  EXPECT_EQ(response.failure, TransportFailure::kNone) << response.failure_message;
  EXPECT_EQ(response.body, R"([{"id":7,"number":8,"title":"compressed"}])");
}

TEST_F(CurlTransportTest, DecodesWhicheverEncodingTheServerPicks) {
  const std::string page = "[" + std::string(50'000, ' ') + "]";
  server_.routes().Get("/auto", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(page, "application/json");  // cpp-httplib compresses this type itself
  });
  server_.start();
  auto response = transport()->perform(get("/auto"));
  EXPECT_TRUE(response.headers.get("content-encoding").has_value());
  EXPECT_LT(std::stol(response.headers.get("content-length").value_or("0")), 1000);
  EXPECT_EQ(response.body, page);
}

TEST_F(CurlTransportTest, CorruptCompressedBodyIsTruncated) {
  server_.routes().Get("/bad", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Encoding", "gzip");
    res.set_content(kGzippedPage.substr(0, 10) + "garbage garbage",
                    "application/json; charset=utf-8");
  });
  server_.start();
  EXPECT_EQ(transport()->perform(get("/bad")).failure, TransportFailure::kTruncated);
}

TEST_F(CurlTransportTest, FollowsRedirectsKeepingOnlyTheFinalHeaders) {
  server_.routes().Get("/old", [](const httplib::Request&, httplib::Response& res) {
    res.status = 301;
    res.set_header("Location", "/new");
    res.set_header("X-Hop", "first");
    res.set_content(R"({"message":"Moved Permanently"})", "application/json");
  });
  server_.routes().Get("/new", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("final", "text/plain");
  });
  server_.start();
  auto response = transport()->perform(get("/old"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "final");
  EXPECT_FALSE(response.headers.get("x-hop").has_value());
  EXPECT_EQ(response.effective_url, server_.url() + "/new");
}

TEST_F(CurlTransportTest, RedirectLoopFailsInsteadOfSpinning) {
  std::atomic<int> hits{0};
  server_.routes().Get("/loop", [&](const httplib::Request&, httplib::Response& res) {
    ++hits;
    res.set_redirect("/loop", 301);
  });
  server_.start();
  auto response = transport()->perform(get("/loop"));
  EXPECT_EQ(response.failure, TransportFailure::kTooManyRedirects);
  EXPECT_EQ(response.failure_message,
            "more than 5 redirects from " + server_.url() + "/loop (a redirect loop?)");
  EXPECT_EQ(hits.load(), 6);  // the request and CURLOPT_MAXREDIRS = 5 more
}

constexpr std::size_t kMiB = std::size_t{1} << 20;

// `total` bytes in 60,000-byte chunks, without a Content-Length.
void chunked_body(httplib::Response& res, std::size_t total) {
  res.set_chunked_content_provider(
      "application/json", [total](std::size_t offset, httplib::DataSink& sink) {
        static const std::string block(60000, ' ');
        if (offset >= total) {
          sink.done();
          return true;
        }
        return sink.write(block.data(), std::min(block.size(), total - offset));
      });
}

TEST_F(CurlTransportTest, AChunkedBodyOverTheCapFailsAsTooLarge) {
  server_.routes().Get(
      "/big", [](const httplib::Request&, httplib::Response& res) { chunked_body(res, 3 * kMiB); });
  server_.start();
  auto response = transport(10'000, /*max_body_bytes=*/kMiB)->perform(get("/big"));
  EXPECT_EQ(response.failure, TransportFailure::kTooLarge);
  EXPECT_EQ(response.status, 0);
  EXPECT_EQ(response.failure_message,
            "response body from " + server_.url() + "/big exceeded 1 MiB");
  EXPECT_TRUE(response.body.empty());
  EXPECT_EQ(response.body.capacity(), std::string().capacity());  // the memory is given back
}

TEST_F(CurlTransportTest, ABodyOfExactlyTheCapIsKeptInABufferNoLargerThanTheCap) {
  constexpr std::size_t kCap = 1'000'000;  // doubling from 16 KiB writes overshoots it
  server_.routes().Get(
      "/full", [](const httplib::Request&, httplib::Response& res) { chunked_body(res, kCap); });
  server_.start();
  auto response = transport(10'000, kCap)->perform(get("/full"));
  EXPECT_EQ(response.failure, TransportFailure::kNone) << response.failure_message;
  EXPECT_EQ(response.body.size(), kCap);
  EXPECT_EQ(response.body.capacity(), kCap);
}

TEST_F(CurlTransportTest, ADeclaredLengthOverTheCapIsRefusedAtOnce) {
  const std::string big(2 * kMiB, 'x');
  server_.routes().Get("/declared", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(big, "text/plain");  // a type cpp-httplib does not compress
  });
  server_.start();
  auto response = transport(10'000, /*max_body_bytes=*/kMiB)->perform(get("/declared"));
  EXPECT_EQ(response.failure, TransportFailure::kTooLarge);
  EXPECT_EQ(response.failure_message,
            "response body from " + server_.url() + "/declared exceeded 1 MiB");
}

TEST_F(CurlTransportTest, TheCapAppliesToTheDecodedBodyNotTheCompressedOne) {
  const std::string page = "[" + std::string(2 * kMiB, ' ') + "]";  // compresses to a few KB
  server_.routes().Get("/bomb", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(page, "application/json");
  });
  server_.start();
  auto response = transport(10'000, /*max_body_bytes=*/kMiB)->perform(get("/bomb"));
  EXPECT_EQ(response.failure, TransportFailure::kTooLarge) << response.failure_message;
}

TEST_F(CurlTransportTest, HeadersOverTheCapFailAsTooLarge) {
  server_.routes().Get("/headers", [](const httplib::Request&, httplib::Response& res) {
    for (int i = 0; i < 200; ++i)
      res.set_header("X-Junk-" + std::to_string(i), std::string(1000, 'h'));
    res.set_content("{}", "application/json");
  });
  server_.start();
  auto response = transport(10'000, std::size_t{64} << 20, /*max_header_bytes=*/64 * 1024)
                      ->perform(get("/headers"));
  EXPECT_EQ(response.failure, TransportFailure::kTooLarge);
  EXPECT_EQ(response.failure_message,
            "response headers from " + server_.url() + "/headers exceeded 64 KiB");
  EXPECT_TRUE(response.headers.all().empty());
  // Within the default cap the same reply is fine.
  EXPECT_EQ(transport()->perform(get("/headers")).status, 200);
}

TEST_F(CurlTransportTest, ReusesOneConnectionAcrossRequests) {
  std::mutex mutex;
  std::set<int> client_ports;
  server_.routes().Get("/k", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    client_ports.insert(req.remote_port);
    res.set_content("[]", "application/json");
  });
  server_.start();
  auto http = transport();
  for (int i = 0; i < 4; ++i) ASSERT_EQ(http->perform(get("/k")).status, 200);
  std::lock_guard lock(mutex);
  EXPECT_EQ(client_ports.size(), 1u);
}

TEST_F(CurlTransportTest, PostAndPatchSendTheirBodiesThenGetIsAGetAgain) {
  std::mutex mutex;
  std::vector<std::string> seen;
  auto record = [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    seen.push_back(req.method + " " + req.body);
    res.set_content("{}", "application/json");
  };
  server_.routes().Post("/m", record).Patch("/m", record).Get("/m", record);
  server_.start();
  auto http = transport();
  auto request = get("/m");
  request.method = "POST";
  request.body = R"({"event_type":"x"})";
  EXPECT_EQ(http->perform(request).status, 200);
  request.method = "PATCH";
  request.body = R"({"state":"closed"})";
  EXPECT_EQ(http->perform(request).status, 200);
  EXPECT_EQ(http->perform(get("/m")).status, 200);
  std::lock_guard lock(mutex);
  EXPECT_EQ(seen, (std::vector<std::string>{R"(POST {"event_type":"x"})",
                                            R"(PATCH {"state":"closed"})", "GET "}));
}

TEST_F(CurlTransportTest, CancelTokenAbortsATransferInFlight) {
  server_.routes().Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    gate_.pass();
    res.set_content("late", "text/plain");
  });
  server_.start();
  auto http = transport();
  HttpResponse response;
  std::thread client([&] { response = http->perform(get("/slow")); });
  ASSERT_TRUE(gate_.wait_for_arrival());
  cancel_.request_stop();
  client.join();
  EXPECT_EQ(response.failure, TransportFailure::kCancelled);
  EXPECT_EQ(response.status, 0);
}

TEST_F(CurlTransportTest, AlreadyCancelledSendsNothing) {
  std::atomic<int> hits{0};
  server_.routes().Get("/x", [&](const httplib::Request&, httplib::Response&) { ++hits; });
  server_.start();
  cancel_.request_stop();
  EXPECT_EQ(transport()->perform(get("/x")).failure, TransportFailure::kCancelled);
  EXPECT_EQ(hits.load(), 0);
}

TEST_F(CurlTransportTest, TotalTimeoutEndsAStalledReply) {
  server_.routes().Get("/stall", [&](const httplib::Request&, httplib::Response& res) {
    gate_.pass();
    res.set_content("late", "text/plain");
  });
  server_.start();
  auto response = transport(/*total_timeout_ms=*/200)->perform(get("/stall"));
  EXPECT_EQ(response.failure, TransportFailure::kTimeout);
  EXPECT_EQ(response.status, 0);
  EXPECT_FALSE(response.failure_message.empty());
}

TEST_F(CurlTransportTest, BodyShorterThanContentLengthIsTruncated) {
  RawReplyServer raw(
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
      "1000\r\n\r\n[{\"id\":1,");
  HttpRequest request;
  request.url = raw.url() + "/repos/o/r/pulls";
  auto response = transport()->perform(request);
  EXPECT_EQ(response.failure, TransportFailure::kTruncated) << response.failure_message;
  EXPECT_EQ(response.status, 0);
}

TEST_F(CurlTransportTest, ConnectionClosedWithoutReplyIsTruncated) {
  RawReplyServer raw("");
  HttpRequest request;
  request.url = raw.url() + "/";
  EXPECT_EQ(transport()->perform(request).failure, TransportFailure::kTruncated);
}

TEST_F(CurlTransportTest, RefusedConnectionIsAConnectFailure) {
  std::string url;
  {
    RawReplyServer closed_soon("");  // a port that was just free...
    url = closed_soon.url();
    HttpRequest request;
    request.url = url;
    transport()->perform(request);
  }  // ...and is closed now
  HttpRequest request;
  request.url = url + "/";
  auto response = transport()->perform(request);
  EXPECT_EQ(response.failure, TransportFailure::kConnect) << response.failure_message;
}

}  // namespace
