// The origin rule that keeps the token on the API's own host.
#include "backfill/github/origin.hpp"

#include <gtest/gtest.h>

namespace {

using backfill::github::Origin;
using backfill::github::parse_origin;
using backfill::github::url_has_allowed_origin;

TEST(Origin, ParsesSchemeHostAndDefaultPort) {
  EXPECT_EQ(parse_origin("https://api.github.com/repositories/1/pulls?page=2"),
            (Origin{"https", "api.github.com", 443}));
  EXPECT_EQ(parse_origin("http://127.0.0.1:8080"), (Origin{"http", "127.0.0.1", 8080}));
  EXPECT_EQ(parse_origin("http://ghe.example/api/v3"), (Origin{"http", "ghe.example", 80}));
  EXPECT_EQ(parse_origin("https://[::1]:8443/x"), (Origin{"https", "[::1]", 8443}));
  EXPECT_EQ(parse_origin("https://api.github.com?page=2"),
            (Origin{"https", "api.github.com", 443}));
}

TEST(Origin, HostAndSchemeCompareCaseInsensitively) {
  EXPECT_EQ(parse_origin("HTTPS://API.GitHub.COM/x"), parse_origin("https://api.github.com/y"));
}

TEST(Origin, DefaultPortsEqualExplicitOnes) {
  EXPECT_EQ(parse_origin("https://api.github.com:443/x"), parse_origin("https://api.github.com/x"));
  EXPECT_EQ(parse_origin("http://ghe.example:80/x"), parse_origin("http://ghe.example/x"));
  EXPECT_NE(parse_origin("https://api.github.com:80/x"), parse_origin("https://api.github.com/x"));
  EXPECT_NE(parse_origin("http://ghe.example:443/x"), parse_origin("https://ghe.example/x"));
}

TEST(Origin, UserinfoIsRejected) {
  EXPECT_FALSE(parse_origin("https://api.github.com@evil.example/x"));
  EXPECT_FALSE(parse_origin("https://user:secret@api.github.com/x"));
  EXPECT_FALSE(parse_origin("https://@api.github.com/x"));
  // The backslash trick some URL parsers read as a path separator.
  EXPECT_FALSE(parse_origin("https://api.github.com\\@evil.example/x"));
}

TEST(Origin, MalformedUrlsAreRejected) {
  for (const char* url :
       {"", "api.github.com/x", "/repos/o/r", "ftp://api.github.com/x", "file:///etc/passwd",
        "https://", "https:///x", "https://:443/x", "https://host:/x", "https://host:0/x",
        "https://host:65536/x", "https://host:12ab/x", "https://ho%73t/x", "https://ho st/x",
        "https://[::1/x", "https://[zz]/x", "https://[::1]junk/x", "javascript:alert(1)"}) {
    EXPECT_FALSE(parse_origin(url)) << url;
  }
}

TEST(Origin, TextOmitsTheDefaultPort) {
  EXPECT_EQ(parse_origin("https://API.github.com:443/x")->text(), "https://api.github.com");
  EXPECT_EQ(parse_origin("http://127.0.0.1:8080/x")->text(), "http://127.0.0.1:8080");
}

TEST(Origin, OnlyAllowedOriginsPass) {
  const std::vector<Origin> allowed{*parse_origin("https://api.github.com"),
                                    *parse_origin("https://ghe.example:8443/api/graphql")};
  EXPECT_TRUE(
      url_has_allowed_origin("https://api.github.com/repositories/1/pulls?page=3", allowed));
  EXPECT_TRUE(url_has_allowed_origin("https://Api.GitHub.com:443/x", allowed));
  EXPECT_TRUE(url_has_allowed_origin("https://ghe.example:8443/other", allowed));
  EXPECT_FALSE(url_has_allowed_origin("https://ghe.example/other", allowed));
  EXPECT_FALSE(url_has_allowed_origin("https://evil.example/repositories/1/pulls", allowed));
  EXPECT_FALSE(url_has_allowed_origin("https://api.github.com.evil.example/x", allowed));
  EXPECT_FALSE(url_has_allowed_origin("https://api.github.com:8443/x", allowed));
  EXPECT_FALSE(url_has_allowed_origin("http://api.github.com/x", allowed));  // no downgrade
  EXPECT_FALSE(url_has_allowed_origin("https://x@api.github.com/x", allowed));
  EXPECT_FALSE(url_has_allowed_origin("not a url", allowed));
  EXPECT_FALSE(url_has_allowed_origin("https://api.github.com/x", {}));
}

}  // namespace
