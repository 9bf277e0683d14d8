// scripts/format.sh with the repository's .clang-format, on a scratch copy:
// --check lists what differs and changes nothing, the default rewrites, and
// code written in the repository's habits is left as it is.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/scratch_tree.hpp"

namespace {

namespace fs = std::filesystem;
using backfill::testing::ProcessResult;
using backfill::testing::ScratchTree;

const fs::path kSourceDir = BACKFILL_SOURCE_DIR;

const char* const kMisformatted = "int  main( ){return 0;}\n";

// Habits .clang-format must keep: `Type& x`, one-line case labels and
// if/else ladders, short ifs, and lines up to 100 columns.
const char* const kRepositoryStyle = R"(#include "backfill/core/text.hpp"

#include <string>

namespace backfill {

std::string escape(const std::string& text, bool property) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

int width(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  else if (lead == 0xE0) return 3;
  else return 0;
}

// A line of exactly one hundred columns stays whole: ..............................................
const std::string* first(const std::vector<std::string>& items, const std::string& prefix);

}  // namespace backfill
)";

class FormatScript : public ::testing::Test {
 protected:
  void SetUp() override {
    tree_.copy(kSourceDir / "scripts" / "format.sh", "scripts/format.sh");
    tree_.copy(kSourceDir / ".clang-format", ".clang-format");
  }

  ProcessResult format(const std::vector<std::string>& args = {}) {
    std::vector<std::string> argv = {(tree_.root() / "scripts" / "format.sh").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return backfill::testing::run_process("/bin/bash", argv, {{"PATH", "/usr/bin:/bin"}});
  }

  ScratchTree tree_;
};

}  // namespace

TEST_F(FormatScript, CheckListsTheFilesThatDifferAndChangesNothing) {
  tree_.write("src/core/bad.cpp", kMisformatted);
  tree_.write("tests/core/good_test.cpp", "int main() { return 0; }\n");
  const auto result = format({"--check"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_EQ(result.out, "src/core/bad.cpp\n") << result.err;
  EXPECT_EQ(tree_.read("src/core/bad.cpp"), kMisformatted);
}

TEST_F(FormatScript, FormattingRewritesTheFilesThenTheCheckPasses) {
  tree_.write("include/backfill/core/bad.hpp", kMisformatted);
  tree_.write("bench/bad.cpp", kMisformatted);
  const auto formatted = format();
  EXPECT_EQ(formatted.exit_code, 0) << formatted.out << formatted.err;
  EXPECT_EQ(tree_.read("include/backfill/core/bad.hpp"), "int main() { return 0; }\n");
  EXPECT_EQ(tree_.read("bench/bad.cpp"), "int main() { return 0; }\n");
  const auto checked = format({"--check"});
  EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
}

TEST_F(FormatScript, CodeInTheRepositoryStyleIsLeftAsItIs) {
  tree_.write("src/core/style.cpp", kRepositoryStyle);
  const auto result = format({"--check"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  // Check the check: formatting leaves it byte for byte.
  EXPECT_EQ(format().exit_code, 0);
  EXPECT_EQ(tree_.read("src/core/style.cpp"), kRepositoryStyle);
}

TEST_F(FormatScript, AnUnknownArgumentIsAUsageError) {
  tree_.write("src/core/bad.cpp", kMisformatted);
  const auto result = format({"--chek"});
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_EQ(tree_.read("src/core/bad.cpp"), kMisformatted);
}
