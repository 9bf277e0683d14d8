#include "backfill/cli/config.hpp"

#include <gtest/gtest.h>

#include <map>

#include "backfill/core/errors.hpp"

using namespace backfill::cli;

namespace {
EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}
}  // namespace

TEST(Config, DefaultsWhenNothingIsGiven) {
  auto c = resolve_config({}, env_of({}));
  EXPECT_EQ(c.database_url, "sqlite:backfill.db");
  EXPECT_EQ(c.api_url, "https://api.github.com");
  EXPECT_EQ(c.token, "");
  EXPECT_EQ(c.chunk_size, 50);
  EXPECT_FALSE(c.max_chunks);
  EXPECT_FALSE(c.repo);
}

TEST(Config, FlagBeatsEnvironmentBeatsDefault) {
  Flags flags;
  auto env = env_of({{"DATABASE_URL", "postgres://env/db"}, {"GITHUB_API_URL", "http://127.0.0.1:9/"}});
  auto from_env = resolve_config(flags, env);
  EXPECT_EQ(from_env.database_url, "postgres://env/db");
  EXPECT_EQ(from_env.api_url, "http://127.0.0.1:9");
  flags.database_url = "sqlite:/tmp/x.db";
  flags.api_url = "https://ghe.example.com/api/v3";
  auto from_flags = resolve_config(flags, env);
  EXPECT_EQ(from_flags.database_url, "sqlite:/tmp/x.db");
  EXPECT_EQ(from_flags.api_url, "https://ghe.example.com/api/v3");
}

TEST(Config, TokenFromGithubTokenThenGhToken) {
  EXPECT_EQ(resolve_config({}, env_of({{"GH_TOKEN", "b"}})).token, "b");
  EXPECT_EQ(resolve_config({}, env_of({{"GITHUB_TOKEN", "a"}, {"GH_TOKEN", "b"}})).token, "a");
}

TEST(Config, ChunkSizeRange) {
  Flags flags;
  for (long ok : {1L, 50L, 100L}) {
    flags.chunk_size = ok;
    EXPECT_EQ(resolve_config(flags, env_of({})).chunk_size, ok);
  }
  for (long bad : {0L, -1L, 101L}) {
    flags.chunk_size = bad;
    EXPECT_THROW(resolve_config(flags, env_of({})), backfill::UsageError) << bad;
  }
}

TEST(Config, RejectsBadValuesNamingThem) {
  auto message_of = [](Flags flags) {
    try {
      resolve_config(flags, env_of({}));
    } catch (const backfill::UsageError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  Flags f1;
  f1.repo = "not-a-repo";
  EXPECT_NE(message_of(f1).find("not-a-repo"), std::string::npos);
  Flags f2;
  f2.api_url = "ftp://x";
  EXPECT_NE(message_of(f2).find("ftp://x"), std::string::npos);
  Flags f3;
  f3.database_url = "mysql://x/y";
  EXPECT_NE(message_of(f3).find("mysql"), std::string::npos);
  Flags f4;
  f4.time_budget = "soon";
  EXPECT_NE(message_of(f4).find("soon"), std::string::npos);
  Flags f5;
  f5.max_chunks = 0;
  EXPECT_NE(message_of(f5).find("--max-chunks"), std::string::npos);
  Flags f6;
  f6.log_format = "xml";
  EXPECT_NE(message_of(f6).find("xml"), std::string::npos);
}
