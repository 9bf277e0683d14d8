// The real binary as a GitHub App against the fake: JWTs verified by the
// fake with OpenSSL, installation tokens for every API request, a repository
// without the App failing with a clear message, and neither the private key
// nor any token in any output or anywhere in the database file.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/app_key.hpp"
#include "support/e2e_fixture.hpp"

namespace backfill::testing {
namespace {

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class GitHubApp : public BackfillE2E {
 protected:
  ScratchTree keys;
  TestAppKey key = generate_test_app_key(keys);

  std::map<std::string, std::string> app_env() const {
    return {{"GITHUB_APP_ID", "4242"}, {"GITHUB_APP_PRIVATE_KEY", key.private_pem}};
  }
  // Every 64-character line of the key's base64 body.
  std::vector<std::string> key_lines() const {
    std::vector<std::string> lines;
    std::istringstream in(key.private_pem);
    for (std::string line; std::getline(in, line);)
      if (line.rfind("-----", 0) != 0 && line.size() >= 16) lines.push_back(line);
    return lines;
  }
};

TEST_P(GitHubApp, RunsAsTheAppAndNoSecretReachesAnyOutputOrTheDatabase) {
  github_.set_app(4242, key.public_pem);
  github_.add_installation("octo", 11);
  github_.add_installation("acme", 12);
  github_.add_repository("octo/big", 230);
  github_.add_repository("acme/small", 40);
  github_.add_repository("stranger/repo", 5);

  std::string all_output;
  for (const std::string repo : {"octo/big", "acme/small"}) {
    const auto run = this->run({"--repo", repo, "-v"}, app_env());
    EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
    all_output += run.out + run.err;
    expect_exact_copy(repo);
  }
  EXPECT_NE(all_output.find("authenticating as the GitHub App 4242; GITHUB_TOKEN"),
            std::string::npos)
      << "both set: says which one is used";

  const auto stranger = run({"--repo", "stranger/repo"}, app_env());
  EXPECT_EQ(stranger.exit_code, 1) << stranger.err;
  EXPECT_NE(stranger.err.find("not installed on stranger/repo"), std::string::npos) << stranger.err;
  all_output += stranger.out + stranger.err;

  // Every API request carried an installation token or (App endpoints) a
  // JWT; GITHUB_TOKEN was never sent.
  std::set<std::string> tokens;
  for (const auto& request : github_.requests()) {
    ASSERT_EQ(request.authorization.rfind("Bearer ", 0), 0u) << request.path;
    const std::string credential = request.authorization.substr(7);
    EXPECT_NE(credential, kTestToken) << request.path;
    const bool app_endpoint = request.path.find("/installation") != std::string::npos ||
                              request.path.rfind("/app/", 0) == 0;
    if (app_endpoint) {
      EXPECT_EQ(std::count(credential.begin(), credential.end(), '.'), 2) << request.path;
    } else {
      EXPECT_EQ(credential.rfind("ghs_", 0), 0u) << request.path;
    }
    if (request.path == "/repos/stranger/repo/installation") {
      EXPECT_EQ(request.status, 404);
      continue;
    }
    EXPECT_LT(request.status, 400) << request.path;
    tokens.insert(credential);
  }
  EXPECT_EQ(github_.app_tokens_minted(), 2) << "one per run, each for its installation";

  // The whole database file (and its journal, if any) and every output.
  std::string stored;
  const std::string path = db().substr(std::string("sqlite:").size());
  for (const auto& suffix : {"", "-wal", "-journal", ".locks"}) stored += file_bytes(path + suffix);
  ASSERT_FALSE(stored.empty());
  for (const auto& secret : tokens) {
    EXPECT_EQ(all_output.find(secret), std::string::npos) << "a token or JWT in the output";
    EXPECT_EQ(stored.find(secret), std::string::npos) << "a token or JWT in the database";
  }
  for (const auto& line : key_lines()) {
    EXPECT_EQ(all_output.find(line), std::string::npos) << "the key in the output";
    EXPECT_EQ(stored.find(line), std::string::npos) << "the key in the database";
  }
}

TEST_P(GitHubApp, ABadKeyIsAUsageErrorNamingTheVariable) {
  const auto run = this->run({"--repo", "octo/big"},
                             {{"GITHUB_APP_ID", "4242"}, {"GITHUB_APP_PRIVATE_KEY", "garbage"}});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find("GITHUB_APP_PRIVATE_KEY: not a PEM"), std::string::npos) << run.err;
}

// The database file is searched byte for byte: SQLite's.
INSTANTIATE_TEST_SUITE_P(Sqlite, GitHubApp, ::testing::Values(store::Backend::kSqlite),
                         backend_param_name);

}  // namespace
}  // namespace backfill::testing
