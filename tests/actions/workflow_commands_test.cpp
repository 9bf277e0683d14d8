#include "backfill/actions/workflow_commands.hpp"

#include <gtest/gtest.h>

using namespace backfill::actions;

TEST(WorkflowCommands, DataEscapesPercentAndLineBreaksOnly) {
  EXPECT_EQ(escape_data("100% done\r\nnext: a,b"), "100%25 done%0D%0Anext: a,b");
  EXPECT_EQ(escape_data("%0A"), "%250A");  // an escape sequence in the text stays text
}

TEST(WorkflowCommands, PropertiesAlsoEscapeColonAndComma) {
  EXPECT_EQ(escape_property("Rate limit: 5%, again\n"), "Rate limit%3A 5%25%2C again%0A");
}

TEST(WorkflowCommands, AddMask) {
  EXPECT_EQ(add_mask("ghp_abc123"), "::add-mask::ghp_abc123\n");
  EXPECT_EQ(add_mask("50%"), "::add-mask::50%25\n");
  EXPECT_EQ(add_mask(""), "");
}

TEST(WorkflowCommands, AddMaskOfAMultiLineValueMasksEachLine) {
  EXPECT_EQ(add_mask("line one\r\nline two\n"),
            "::add-mask::line one%0D%0Aline two%0A\n"
            "::add-mask::line one\n"
            "::add-mask::line two\n");
}

TEST(WorkflowCommands, Groups) {
  EXPECT_EQ(group("Page 3: PRs 201-300"), "::group::Page 3: PRs 201-300\n");
  EXPECT_EQ(group("two\nlines"), "::group::two%0Alines\n");
  EXPECT_EQ(endgroup(), "::endgroup::\n");
}

TEST(WorkflowCommands, WarningsAndErrors) {
  EXPECT_EQ(warning("waiting 60 s for the rate limit"),
            "::warning::waiting 60 s for the rate limit\n");
  EXPECT_EQ(warning("retry 2/5: HTTP 502", std::string_view("Retry: GET /pulls, page 3")),
            "::warning title=Retry%3A GET /pulls%2C page 3::retry 2/5: HTTP 502\n");
  EXPECT_EQ(error("failed:\n100% of retries used", std::string_view("Backfill failed")),
            "::error title=Backfill failed::failed:%0A100%25 of retries used\n");
}

TEST(WorkflowCommands, EveryCommandIsOneLine) {
  const std::string nasty = "a\nb\rc\r\n::error::injected";
  for (const std::string& line :
       {warning(nasty, std::string_view(nasty)), error(nasty), group(nasty)}) {
    EXPECT_EQ(line.find('\n'), line.size() - 1) << line;
    EXPECT_EQ(line.find('\r'), std::string::npos) << line;
  }
}
