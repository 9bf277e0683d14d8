// scripts/lint-workflows.sh (actionlint) passes the real workflows and fails
// each kind of mistake made in a copy of them.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "support/process.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;

const fs::path kSourceDir = BACKFILL_SOURCE_DIR;
const fs::path kWorkflows = kSourceDir / ".github" / "workflows";

std::map<std::string, std::string> lint_environment() {
  std::map<std::string, std::string> env;
  for (char** entry = environ; *entry; ++entry) {
    const std::string text = *entry;
    const auto eq = text.find('=');
    if (eq != std::string::npos) env[text.substr(0, eq)] = text.substr(eq + 1);
  }
  // The linter is installed once into this build tree (build/tools when the
  // build is build/, as scripts/test.sh makes it).
  env["BACKFILL_TOOLS_DIR"] = (fs::path(BACKFILL_BINARY).parent_path() / "tools").string();
  return env;
}

backfill::testing::ProcessResult lint(const std::vector<std::string>& paths,
                                      std::map<std::string, std::string> env = lint_environment()) {
  std::vector<std::string> args = {(kSourceDir / "scripts" / "lint-workflows.sh").string()};
  args.insert(args.end(), paths.begin(), paths.end());
  return backfill::testing::run_process("/bin/bash", args, env, std::chrono::minutes(4));
}

std::string read_file(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

class WorkflowCopy : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/backfill-workflows.XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    for (const auto& entry : fs::directory_iterator(kWorkflows)) {
      fs::copy_file(entry.path(), dir_ / entry.path().filename());
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Replaces the one occurrence of `from` in the copy of `file`.
  void edit(const std::string& file, const std::string& from, const std::string& to) {
    const fs::path path = dir_ / file;
    std::string text = read_file(path);
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << file << " no longer contains: " << from;
    text.replace(at, from.size(), to);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  }

  fs::path dir_;
};

}  // namespace

TEST(WorkflowLint, TheRealWorkflowsPass) {
  const auto result = lint({});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.err.find(" 0 finding(s)"), std::string::npos) << result.err;
  std::size_t workflows = 0;
  for (const auto& entry : fs::directory_iterator(kWorkflows)) {
    const auto ext = entry.path().extension();
    workflows += ext == ".yml" || ext == ".yaml";
  }
  EXPECT_GE(workflows, 4u);
  EXPECT_NE(result.err.find(std::to_string(workflows) + " file(s)"), std::string::npos)
      << result.err;
}

TEST_F(WorkflowCopy, AnUntouchedCopyPasses) {
  const auto result = lint({dir_.string()});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}

struct Breakage {
  const char* name;
  const char* file;
  const char* from;
  const char* to;
  const char* finding;  // part of actionlint's message
};

void PrintTo(const Breakage& b, std::ostream* os) { *os << b.name; }

class BrokenWorkflow : public WorkflowCopy, public ::testing::WithParamInterface<Breakage> {};

TEST_P(BrokenWorkflow, Fails) {
  const Breakage& b = GetParam();
  edit(b.file, b.from, b.to);
  const auto result = lint({dir_.string()});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find((dir_ / b.file).string() + ":"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find(b.finding), std::string::npos) << result.out;
}

INSTANTIATE_TEST_SUITE_P(
    Mistakes, BrokenWorkflow,
    ::testing::Values(
        Breakage{"MisspeltInput", "progressive-backfill.yml", "github.event.inputs.time_budget",
                 "github.event.inputs.time_budjet", "property \"time_budjet\" is not defined"},
        Breakage{"UnknownInputType", "progressive-backfill.yml", "type: number", "type: integer",
                 "input type of workflow_dispatch event must be one of"},
        Breakage{"InvalidYaml", "progressive-backfill.yml", "types: [progressive-backfill]",
                 "types: [progressive-backfill", "could not parse as YAML"},
        Breakage{"NonNumericTimeout", "progressive-backfill.yml", "timeout-minutes: 360",
                 "timeout-minutes: six hours", "float number literal, but found plain text"},
        Breakage{"UnknownPermission", "progressive-backfill.yml", "issues: write", "issue: write",
                 "unknown permission scope \"issue\""},
        Breakage{"InvalidCron", "backfill-scheduler.yml", "'17 * * * *'", "'17 * * *'",
                 "invalid CRON format \"17 * * *\""},
        Breakage{"UndefinedMatrixValue", "backfill-workers.yml", "matrix.shard", "matrix.sharde",
                 "property \"sharde\" is not defined"},
        Breakage{"UnknownActionInput", "ci.yml", "- uses: actions/checkout@v4",
                 "- uses: actions/checkout@v4\n        with:\n          fetch-deepth: 1",
                 "input \"fetch-deepth\" is not defined in action \"actions/checkout@v4\""}),
    [](const ::testing::TestParamInfo<Breakage>& test) { return std::string(test.param.name); });

TEST_F(WorkflowCopy, OneBrokenFileAmongGoodOnesFailsTheRun) {
  edit("ci.yml", "runs-on: ubuntu-latest", "runs-on:");
  const auto result =
      lint({(dir_ / "progressive-backfill.yml").string(), (dir_ / "ci.yml").string()});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_EQ(result.out.find("progressive-backfill.yml"), std::string::npos) << result.out;
}

// Linting never installs (the suite must not reach npm): without the linter
// it stops at once and says how to get it.
TEST(WorkflowLint, WithoutTheLinterItSaysHowToInstallItAndInstallsNothing) {
  char pattern[] = "/tmp/backfill-no-tools.XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  const fs::path empty_tools = pattern;
  auto env = lint_environment();
  env["BACKFILL_TOOLS_DIR"] = empty_tools.string();
  const auto result = lint({}, env);
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_NE(result.err.find("actionlint is not installed: run scripts/lint-workflows.sh --install "
                            "(scripts/test.sh does)"),
            std::string::npos)
      << result.err;
  EXPECT_TRUE(fs::is_empty(empty_tools)) << "something was installed into " << empty_tools;
  fs::remove_all(empty_tools);
}

TEST(WorkflowLint, AMissingPathIsAUsageError) {
  const auto result = lint({"/nonexistent/workflows"});
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
}
