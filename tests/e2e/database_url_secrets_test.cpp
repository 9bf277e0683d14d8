// The database password never reaches stdout or stderr, whatever form the
// URL carries it in and whatever the log format: the real binary, each URL
// pointing at a port where nothing listens (or mistyped).
#include <filesystem>
#include <sstream>

#include "support/e2e_fixture.hpp"

namespace backfill::testing {
namespace {

// Every password below contains this, written or decoded.
constexpr const char* kMarker = "S3cr3t";

struct UrlForm {
  std::string url;
  int exit_code;  // of a run: 1 cannot connect, 2 refused as invalid
};

std::vector<UrlForm> url_forms() {
  return {
      {"postgres://alice:S3cr3tPlain@127.0.0.1:1/db", 1},
      {"postgresql://alice:S3cr3tSsl@127.0.0.1:1/db?sslmode=require", 1},
      {"postgres://:S3cr3tNoUser@127.0.0.1:1/db", 1},
      {"postgresql://alice:Enc%40S3cr3t%2Fx@127.0.0.1:1/db", 1},
      {"postgresql://alice:S3cr%33tHalf@127.0.0.1:1/db", 1},  // decoded: S3cr3tHalf
      {"postgresql://127.0.0.1:1/db?user=alice&password=S3cr3tQuery", 1},
      {"host=127.0.0.1 port=1 dbname=db user=alice password=S3cr3tKv", 1},
      {"host=127.0.0.1 port=1 dbname=db password='S3cr3t quoted pw' user=alice", 1},
      {"postgres:alice:S3cr3tTypo@127.0.0.1:1/db", 2},
      {"postgresql:/alice:S3cr3tTypo@127.0.0.1:1/db", 2},
      {"mysql://root:S3cr3tMysql@127.0.0.1:1/db", 2},
  };
}

class DatabaseUrlSecrets : public BackfillE2E {
 protected:
  ProcessResult run_with_url(const std::string& url, std::vector<std::string> args,
                             const std::map<std::string, std::string>& extra = {}) {
    auto env = extra;
    env["DATABASE_URL"] = url;
    return run(args, env);
  }
};

TEST_P(DatabaseUrlSecrets, NoFormOfThePasswordReachesAnyOutput) {
  for (const auto& form : url_forms()) {
    for (const std::string format : {"text", "json"}) {
      SCOPED_TRACE(form.url + " --log-format " + format);
      const auto run = run_with_url(form.url, {"--repo", "octo/x", "--log-format", format});
      EXPECT_EQ(run.exit_code, form.exit_code) << run.err;
      EXPECT_FALSE(run.err.empty());
      EXPECT_EQ((run.out + run.err).find(kMarker), std::string::npos) << run.out << run.err;
      for (const auto& args : {std::vector<std::string>{"migrate", "--log-format", format},
                               std::vector<std::string>{"status", "--log-format", format, "-v"}}) {
        const auto other = run_with_url(form.url, args);
        EXPECT_EQ(other.exit_code, form.exit_code) << args[0] << ": " << other.err;
        EXPECT_EQ((other.out + other.err).find(kMarker), std::string::npos)
            << args[0] << ": " << other.out << other.err;
      }
    }
  }
  EXPECT_EQ(api_requests(), 0u);
}

TEST_P(DatabaseUrlSecrets, TheFlagIsTreatedLikeTheEnvironment) {
  for (const auto& form : url_forms()) {
    const auto r = run({"--repo", "octo/x", "--database-url", form.url});
    EXPECT_EQ(r.exit_code, form.exit_code) << r.err;
    EXPECT_EQ((r.out + r.err).find(kMarker), std::string::npos) << r.out << r.err;
  }
}

TEST_P(DatabaseUrlSecrets, UnderActionsThePasswordIsOnlyInItsMask) {
  const std::map<std::string, std::string> actions = {{"GITHUB_ACTIONS", "true"},
                                                      {"GITHUB_REPOSITORY", "acme/ops"}};
  const auto r = run_with_url("postgresql://alice:Enc%40S3cr3t%2Fx@127.0.0.1:1/db",
                              {"--repo", "octo/x"}, actions);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  // GitHub then hides it from the job log too, in both forms ('%' is
  // escaped as %25 in a workflow command).
  EXPECT_NE(r.out.find("::add-mask::Enc%2540S3cr3t%252Fx\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("::add-mask::Enc@S3cr3t/x\n"), std::string::npos) << r.out;
  std::istringstream lines(r.out + r.err);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(kMarker) != std::string::npos) {
      EXPECT_EQ(line.rfind("::add-mask::", 0), 0u) << line;
    }
  }
}

TEST_P(DatabaseUrlSecrets, AMistypedUrlCreatesNoFileAndSaysWhy) {
  // The child inherits the working directory: an empty one, to see what it leaves.
  const auto before = std::filesystem::current_path();
  std::filesystem::current_path(workdir_);
  const auto r = run_with_url("postgres:alice:S3cr3tTypo@127.0.0.1:1/db", {"--repo", "octo/x"});
  const auto file_like = run_with_url("postgres:prs.db", {"--repo", "octo/x"});
  std::filesystem::current_path(before);
  EXPECT_EQ(file_like.exit_code, 2) << file_like.err;
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("DATABASE_URL: 'postgres:alice:***@127.0.0.1:1/db' is not a valid URL: "
                       "PostgreSQL URLs start with postgres:// or postgresql://"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(std::filesystem::is_empty(workdir_));
}

// The URL under test picks the backend; one instance is enough.
INSTANTIATE_TEST_SUITE_P(Urls, DatabaseUrlSecrets, ::testing::Values(store::Backend::kSqlite),
                         backend_param_name);

}  // namespace
}  // namespace backfill::testing
