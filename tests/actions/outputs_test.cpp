#include "backfill/actions/outputs.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <gtest/gtest.h>

#include "backfill/core/errors.hpp"

using namespace backfill::actions;

namespace {

RandomBits sequence(std::vector<std::uint64_t> values) {
  auto next = std::make_shared<std::size_t>(0);
  return [values, next] { return values.at((*next)++ % values.size()); };
}

std::string read_all(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// The delimiter sequence({0, 0}) draws: 32 hex digits of zero.
const std::string kZeroDelimiter = "ghadelimiter_" + std::string(32, '0');

}  // namespace

TEST(FormatOutput, SingleLineValues) {
  EXPECT_EQ(format_output("status", "completed", sequence({1})), "status=completed\n");
  EXPECT_EQ(format_output("error", "", sequence({1})), "error=\n");
  EXPECT_EQ(format_output("url", "https://x/y?a=b", sequence({1})), "url=https://x/y?a=b\n");
}

TEST(FormatOutput, MultiLineValuesUseTheHeredocForm) {
  EXPECT_EQ(format_output("error", "line one\nline two", sequence({0, 0})),
            "error<<" + kZeroDelimiter + "\nline one\nline two\n" + kZeroDelimiter + "\n");
  EXPECT_EQ(format_output("error", "carriage\rreturn", sequence({0, 0})),
            "error<<" + kZeroDelimiter + "\ncarriage\rreturn\n" + kZeroDelimiter + "\n");
}

TEST(FormatOutput, TheDelimiterNeverOccursInTheValue) {
  // The first draw collides with the value; the second must be used instead.
  const std::string value = "evil\n" + kZeroDelimiter + "\ninjected=1";
  const std::string text =
      format_output("error", value, sequence({0, 0, 0x1111111111111111ULL, 0x1111111111111111ULL}));
  const std::string second = "ghadelimiter_" + std::string(32, '1');
  EXPECT_EQ(text, "error<<" + second + "\n" + value + "\n" + second + "\n");
}

TEST(FormatOutput, RejectsNamesTheRunnerCannotReadBack) {
  for (const char* name : {"", "a=b", "a<<b", "two\nlines"}) {
    EXPECT_THROW(format_output(name, "v", sequence({1})), std::invalid_argument) << name;
  }
}

TEST(AppendOutputs, AppendsEveryOutputAfterWhatIsThere) {
  const std::string path = ::testing::TempDir() + "/outputs_test_append";
  std::ofstream(path) << "earlier=step\n";
  append_outputs(path, {{"status", "paused"}, {"processed", "1200"}, {"error", "a\nb"}},
                 sequence({0, 0}));
  EXPECT_EQ(read_all(path), "earlier=step\nstatus=paused\nprocessed=1200\nerror<<" +
                                kZeroDelimiter + "\na\nb\n" + kZeroDelimiter + "\n");
  std::filesystem::remove(path);
}

TEST(AppendOutputs, RealRandomDelimitersDiffer) {
  const std::string path = ::testing::TempDir() + "/outputs_test_random";
  std::filesystem::remove(path);
  append_outputs(path, {{"a", "1\n2"}, {"b", "3\n4"}});
  const std::string text = read_all(path);
  const auto first = text.substr(3, text.find('\n') - 3);
  EXPECT_EQ(first.rfind("ghadelimiter_", 0), 0u) << text;
  EXPECT_EQ(text.find(first, text.find("b<<")), std::string::npos) << text;
  std::filesystem::remove(path);
}

TEST(AppendOutputs, AnUnwritableFileIsAFatalErrorNamingIt) {
  try {
    append_outputs("/nonexistent/dir/output", {{"status", "failed"}});
    FAIL();
  } catch (const backfill::FatalError& e) {
    EXPECT_NE(std::string(e.what()).find("GITHUB_OUTPUT"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/output"), std::string::npos);
  }
}
