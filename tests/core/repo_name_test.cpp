#include "backfill/core/repo_name.hpp"

#include <gtest/gtest.h>

#include "backfill/core/errors.hpp"

using backfill::parse_repo_name;

TEST(RepoName, ParsesOwnerAndName) {
  auto r = parse_repo_name("octocat/Hello-World");
  EXPECT_EQ(r.owner, "octocat");
  EXPECT_EQ(r.name, "Hello-World");
  EXPECT_EQ(r.full(), "octocat/Hello-World");
  EXPECT_EQ(r.key(), "octocat/hello-world");
}

TEST(RepoName, AcceptsUrlsAndGitSuffix) {
  EXPECT_EQ(parse_repo_name("https://github.com/pytorch/pytorch").full(), "pytorch/pytorch");
  EXPECT_EQ(parse_repo_name("pytorch/pytorch.git").full(), "pytorch/pytorch");
  EXPECT_EQ(parse_repo_name("a/b.c_d-e").full(), "a/b.c_d-e");
}

TEST(RepoName, RejectsInvalidNames) {
  for (const char* bad :
       {"", "octocat", "/x", "x/", "a/b/c", "-a/b", "a-/b", "a b/c", "a/.", "a/..", "a/b c",
        "a/b;drop", "own\xc3\xa9r/x", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/x"}) {
    EXPECT_THROW(parse_repo_name(bad), backfill::UsageError) << "'" << bad << "'";
  }
}

TEST(RepoName, MessageNamesTheValue) {
  try {
    parse_repo_name("nope");
    FAIL();
  } catch (const backfill::UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("'nope'"), std::string::npos);
  }
}
