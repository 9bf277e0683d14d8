#include "backfill/core/redact.hpp"

#include <gtest/gtest.h>

using backfill::redact;

TEST(Redact, HidesRegisteredSecrets) {
  backfill::register_secret("ghp_supersecrettokenvalue123");
  auto out = redact("token ghp_supersecrettokenvalue123 used twice: ghp_supersecrettokenvalue123");
  EXPECT_EQ(out.find("ghp_supersecret"), std::string::npos);
  EXPECT_NE(out.find("***"), std::string::npos);
}

TEST(Redact, HidesUrlPasswordsAndAuthHeaders) {
  EXPECT_EQ(redact("could not connect to postgresql://app:hunter2@db:5432/x"),
            "could not connect to postgresql://app:***@db:5432/x");
  EXPECT_EQ(redact("host=db password=hunter2 user=x"), "host=db password=*** user=x");
  EXPECT_EQ(redact("Authorization: Bearer abcdef"), "Authorization: Bearer ***");
}

TEST(Redact, LeavesOrdinaryTextAlone) {
  EXPECT_EQ(redact("GET https://api.github.com/repos/a/b/pulls?page=2"),
            "GET https://api.github.com/repos/a/b/pulls?page=2");
}

TEST(Redact, KeepsWhatFollowsAnAlreadyHiddenPassword) {
  backfill::register_secret("hunter22pw");
  EXPECT_EQ(redact("cannot connect at host=h password=hunter22pw: refused"),
            "cannot connect at host=h password=***: refused");
}
