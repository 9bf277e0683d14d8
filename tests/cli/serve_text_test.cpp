// `backfill serve`'s small pure pieces: escaping, --listen, the token check.
#include <gtest/gtest.h>

#include "backfill/core/errors.hpp"
#include "cli/serve/access_token.hpp"
#include "cli/serve/html_escape.hpp"
#include "cli/serve/listen_address.hpp"
#include "cli/serve/metrics_text.hpp"

namespace backfill::cli::serve {
namespace {

TEST(ServeEscape, MarkupBecomesText) {
  EXPECT_EQ(escape_html("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  EXPECT_EQ(escape_html("plain text ü"), "plain text ü");
}

TEST(ServeEscape, PathSegmentsArePercentEncoded) {
  EXPECT_EQ(encode_path_segment("octo-cat_1.x~"), "octo-cat_1.x~");
  EXPECT_EQ(encode_path_segment("<a b/c>"), "%3Ca%20b%2Fc%3E");
}

TEST(ServeEscape, PrometheusLabelValues) {
  EXPECT_EQ(escape_label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

TEST(ServeListen, ParsesAddressAndPort) {
  auto a = parse_listen_address("127.0.0.1:8080");
  EXPECT_EQ(a.host, "127.0.0.1");
  EXPECT_EQ(a.port, 8080);
  a = parse_listen_address("[::1]:0");
  EXPECT_EQ(a.host, "::1");
  EXPECT_EQ(a.port, 0);
  EXPECT_EQ(parse_listen_address("localhost:9000").host, "localhost");
}

TEST(ServeListen, RefusesWhatIsNotAddrPort) {
  for (const char* bad : {"8080", ":8080", "127.0.0.1:", "127.0.0.1:http", "1.2.3.4:70000",
                          "::1:8080", "host:123456"}) {
    try {
      parse_listen_address(bad);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const UsageError& e) {
      EXPECT_NE(std::string(e.what()).find("--listen"), std::string::npos) << e.what();
    }
  }
}

TEST(ServeListen, KnowsLoopbackFromTheNetwork) {
  EXPECT_TRUE(is_loopback("127.0.0.1"));
  EXPECT_TRUE(is_loopback("127.8.9.10"));
  EXPECT_TRUE(is_loopback("::1"));
  EXPECT_TRUE(is_loopback("localhost"));
  EXPECT_FALSE(is_loopback("0.0.0.0"));
  EXPECT_FALSE(is_loopback("::"));
  EXPECT_FALSE(is_loopback("192.168.1.5"));
  EXPECT_FALSE(is_loopback("example.org"));
}

TEST(ServeToken, BearerCookieOrOnceInTheQuery) {
  const std::string token = "s3cr3t-token";
  EXPECT_EQ(check_access(token, {"Bearer s3cr3t-token", {}, {}}), Access::kAllowed);
  EXPECT_EQ(check_access(token, {"Bearer s3cr3t-tokeN", {}, {}}), Access::kDenied);
  EXPECT_EQ(check_access(token, {"Basic s3cr3t-token", {}, {}}), Access::kDenied);
  EXPECT_EQ(check_access(token, {{}, "a=1; backfill_serve_token=s3cr3t-token", {}}),
            Access::kAllowed);
  EXPECT_EQ(check_access(token, {{}, "backfill_serve_token=s3cr3t", {}}), Access::kDenied);
  EXPECT_EQ(check_access(token, {{}, {}, "s3cr3t-token"}), Access::kAllowedSetCookie);
  EXPECT_EQ(check_access(token, {{}, {}, {}}), Access::kDenied);
  EXPECT_FALSE(same_secret("abc", "abcd"));
  EXPECT_FALSE(same_secret("abcd", "abc"));
  EXPECT_TRUE(same_secret("abc", "abc"));
}

}  // namespace
}  // namespace backfill::cli::serve
