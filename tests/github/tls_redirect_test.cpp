// Over TLS, against loopback https servers with a certificate made for the
// test: a redirect from https down to plain http is never followed (the
// token's request would go out unencrypted), while https to https is.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <cstdlib>
#include <thread>

#include "backfill/github/http.hpp"
#include "github/local_servers.hpp"
#include "support/scratch_tree.hpp"

namespace {

using namespace backfill::github;
using backfill::testing::ScratchTree;
using github_test::LocalHttpServer;

// A self-signed certificate for 127.0.0.1, made by the openssl command.
struct TestCertificate {
  ScratchTree dir;
  std::string cert = (dir.root() / "cert.pem").string();
  std::string key = (dir.root() / "key.pem").string();
  TestCertificate() {
    const std::string command =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
        "-addext subjectAltName=IP:127.0.0.1 -keyout '" +
        key + "' -out '" + cert + "' 2>/dev/null";
    if (std::system(command.c_str()) != 0) throw std::runtime_error("openssl req failed");
  }
};

class HttpsServer {
 public:
  explicit HttpsServer(const TestCertificate& certificate)
      : server_(certificate.cert.c_str(), certificate.key.c_str()) {}
  ~HttpsServer() {
    if (!thread_.joinable()) return;
    while (!server_.is_running() && !finished_) std::this_thread::yield();
    server_.stop();
    thread_.join();
  }
  httplib::SSLServer& routes() { return server_; }
  void start() {
    ASSERT_TRUE(server_.is_valid());
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] {
      server_.listen_after_bind();
      finished_ = true;
    });
  }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::SSLServer server_;
  std::atomic<bool> finished_{false};
  std::thread thread_;
  int port_ = 0;
};

class TlsRedirect : public ::testing::Test {
 protected:
  std::unique_ptr<HttpTransport> transport() {
    TransportOptions options;
    options.total_timeout_ms = 10'000;
    options.user_agent = "backfill-test/1";
    options.ca_file = certificate_.cert;
    return make_curl_transport(options, cancel_);
  }
  HttpRequest get(const std::string& url) {
    HttpRequest request;
    request.url = url;
    request.headers = {"Authorization: Bearer ghp_secretThatMustStayEncrypted"};
    return request;
  }

  TestCertificate certificate_;
  HttpsServer https_{certificate_};
  LocalHttpServer plain_;
  std::atomic<int> plain_hits_{0};
  backfill::CancelToken cancel_;
};

TEST_F(TlsRedirect, HttpsToHttpsIsFollowed) {
  https_.routes().Get("/old", [&](const httplib::Request&, httplib::Response& res) {
    res.set_redirect(https_.url() + "/new", 301);
  });
  https_.routes().Get("/new", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.get_header_value("Authorization"), "text/plain");
  });
  https_.start();
  const auto response = transport()->perform(get(https_.url() + "/old"));
  ASSERT_EQ(response.failure, TransportFailure::kNone) << response.failure_message;
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "Bearer ghp_secretThatMustStayEncrypted");  // same origin
}

TEST_F(TlsRedirect, HttpsDownToHttpIsNeverFollowed) {
  plain_.routes().Get("/down", [&](const httplib::Request&, httplib::Response& res) {
    ++plain_hits_;
    res.set_content("plain", "text/plain");
  });
  plain_.start();
  https_.routes().Get("/old", [&](const httplib::Request&, httplib::Response& res) {
    res.set_redirect(plain_.url() + "/down", 301);
  });
  https_.start();
  const auto response = transport()->perform(get(https_.url() + "/old"));
  EXPECT_NE(response.failure, TransportFailure::kNone) << "the redirect was followed";
  EXPECT_NE(response.body, "plain");
  EXPECT_EQ(plain_hits_.load(), 0) << "a request went out over plain http";
}

}  // namespace
