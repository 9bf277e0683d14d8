#include <gtest/gtest.h>

#include <random>
#include <string>

#include "backfill/github/pull_request.hpp"
#include "github/pull_page_generator.hpp"

namespace {

using backfill::github::parse_pull_page;
using backfill::github::PullRequest;
using github_test::describe;
using github_test::json;

PullRequest parse_one(const std::string& item) {
  auto pulls = parse_pull_page("[" + item + "]");
  EXPECT_EQ(pulls.size(), 1u);
  return pulls.empty() ? PullRequest{} : pulls.front();
}

std::string with_title(const std::string& json_string_literal) {
  return R"({"id":1,"number":2,"title":)" + json_string_literal + "}";
}

TEST(PullRequestParser, ReadsGitHubsDocumentedExample) {
  auto pr = parse_one(github_test::reference_pull().dump());
  EXPECT_EQ(pr.github_id, 1);
  EXPECT_EQ(pr.number, 1347);
  EXPECT_EQ(pr.title, "Amazing new feature");
  EXPECT_EQ(pr.body, "Please pull these awesome changes in!");
  EXPECT_EQ(pr.state, "open");
  EXPECT_FALSE(pr.draft);
  ASSERT_TRUE(pr.author.has_value());
  EXPECT_EQ(pr.author->github_id, 1);
  EXPECT_EQ(pr.author->login, "octocat");
  EXPECT_EQ(pr.author->avatar_url, "https://github.com/images/error/octocat_happy.gif");
  EXPECT_EQ(pr.author->type, "User");
  EXPECT_EQ(pr.created_at, "2011-01-26T19:01:12Z");
  EXPECT_EQ(pr.updated_at, "2011-01-26T19:01:12Z");
  EXPECT_EQ(pr.closed_at, "2011-01-26T19:01:12Z");
  EXPECT_EQ(pr.merged_at, "2011-01-26T19:01:12Z");
  EXPECT_EQ(pr.merge_commit_sha, "e5bd3914e2e596debea16f433f57875b5b90bcd6");
  EXPECT_EQ(pr.head_ref, "new-topic");
  EXPECT_EQ(pr.base_ref, "master");
  EXPECT_EQ(pr.html_url, "https://github.com/octocat/Hello-World/pull/1347");
}

TEST(PullRequestParser, AgreesWithNlohmannOnGeneratedPages) {
  for (bool ensure_ascii : {false, true}) {
    std::string page = github_test::make_pull_page(40, 1, 7, ensure_ascii);
    EXPECT_EQ(describe(parse_pull_page(page)), describe(github_test::reference_parse(page)))
        << "ensure_ascii=" << ensure_ascii;
  }
}

TEST(PullRequestParser, EmptyPageIsEmpty) {
  EXPECT_TRUE(parse_pull_page("[]").empty());
  EXPECT_TRUE(parse_pull_page(" \r\n\t[ ] \n").empty());
  EXPECT_TRUE(parse_pull_page("\xEF\xBB\xBF[]").empty());  // a byte order mark is tolerated
}

TEST(PullRequestParser, AbsentFieldsTakeDefaults) {
  auto pr = parse_one(R"({"id":5,"number":6})");
  EXPECT_EQ(pr.github_id, 5);
  EXPECT_EQ(pr.number, 6);
  EXPECT_EQ(pr.title, "");
  EXPECT_FALSE(pr.body.has_value());
  EXPECT_FALSE(pr.draft);
  EXPECT_FALSE(pr.author.has_value());
  EXPECT_FALSE(pr.closed_at.has_value());
  EXPECT_FALSE(pr.merged_at.has_value());
  EXPECT_FALSE(pr.merge_commit_sha.has_value());
  EXPECT_EQ(pr.head_ref, "");
}

TEST(PullRequestParser, NullFieldsAreTolerated) {
  auto pr = parse_one(
      R"({"id":5,"number":6,"title":null,"body":null,"state":null,"draft":null,"user":null,)"
      R"("created_at":null,"updated_at":null,"closed_at":null,"merged_at":null,)"
      R"("merge_commit_sha":null,"head":null,"base":{"ref":null,"repo":null},"html_url":null})");
  EXPECT_EQ(pr.title, "");
  EXPECT_FALSE(pr.body.has_value());
  EXPECT_FALSE(pr.draft);
  EXPECT_FALSE(pr.author.has_value());
  EXPECT_FALSE(pr.merged_at.has_value());
  EXPECT_EQ(pr.base_ref, "");
}

TEST(PullRequestParser, EmptyBodyIsNotNull) {
  auto pr = parse_one(R"({"id":5,"number":6,"body":""})");
  ASSERT_TRUE(pr.body.has_value());
  EXPECT_EQ(*pr.body, "");
}

TEST(PullRequestParser, DraftAndClosedStates) {
  auto pr = parse_one(R"({"id":5,"number":6,"draft":true,"state":"closed","merged_at":null,)"
                      R"("closed_at":"2024-05-01T12:00:00Z"})");
  EXPECT_TRUE(pr.draft);
  EXPECT_EQ(pr.state, "closed");
  EXPECT_EQ(pr.closed_at, "2024-05-01T12:00:00Z");
  EXPECT_FALSE(pr.merged_at.has_value());
}

TEST(PullRequestParser, NulEscapeBecomesANulByte) {
  auto pr = parse_one(R"({"id":1,"number":2,"body":"a\u0000b"})");
  ASSERT_TRUE(pr.body.has_value());
  EXPECT_EQ(*pr.body, std::string("a\0b", 3));
}

TEST(PullRequestParser, SurrogatePairsBecomeFourByteUtf8) {
  EXPECT_EQ(parse_one(with_title(R"("\ud83d\ude00!")")).title, "\xF0\x9F\x98\x80!");
  EXPECT_EQ(parse_one(with_title(R"("\uD834\uDD1E")")).title, "\xF0\x9D\x84\x9E");  // U+1D11E
  EXPECT_EQ(parse_one(with_title("\"\xF0\x9F\x98\x80 raw\"")).title, "\xF0\x9F\x98\x80 raw");
}

TEST(PullRequestParser, DecodesEveryEscape) {
  EXPECT_EQ(parse_one(with_title(R"("\"\\\/\b\f\n\r\t\u00e9\u20AC")")).title,
            "\"\\/\b\f\n\r\t\xC3\xA9\xE2\x82\xAC");
}

TEST(PullRequestParser, KeepsA70kBody) {
  std::string body(70'000, 'q');
  body[35'000] = '"';  // an escape in the middle of a long run
  json item = {{"id", 1}, {"number", 2}, {"body", body}};
  auto pr = parse_one(item.dump());
  EXPECT_EQ(pr.body, body);
}

TEST(PullRequestParser, DuplicateKeysLastOneWins) {
  EXPECT_EQ(parse_one(R"({"id":1,"number":2,"title":"a","title":"b"})").title, "b");
}

TEST(PullRequestParser, EscapedKeysAreRecognised) {
  EXPECT_EQ(parse_one(R"({"\u0069d":1,"number":2,"ti\u0074le":"t"})").title, "t");
}

TEST(PullRequestParser, SkipsUnknownValuesOfEveryKind) {
  auto pr =
      parse_one(R"({"a":-0.5e+10,"b":[1,[2,{"c":[]}],{}],"c":{"d":{"e":"\"}"}},"f":true,"g":false,)"
                R"("h":null,"i":"\ud83d\ude00","id":9,"number":10,"j":1E3,"k":0})");
  EXPECT_EQ(pr.github_id, 9);
  EXPECT_EQ(pr.number, 10);
}

TEST(PullRequestParser, IdRange) {
  EXPECT_EQ(parse_one(R"({"id":9223372036854775807,"number":1})").github_id, INT64_MAX);
  EXPECT_THROW(parse_pull_page(R"([{"id":9223372036854775808,"number":1}])"), std::runtime_error);
}

TEST(PullRequestParser, RejectsWhatIsNotAnArrayOfPulls) {
  for (const char* text : {"", "   ", "{\"message\":\"Not Found\"}", "<html>502 Bad Gateway</html>",
                           "null", "\"[]\"", "[1]", "[[]]", "[null]"}) {
    EXPECT_THROW(parse_pull_page(text), std::runtime_error) << text;
  }
}

TEST(PullRequestParser, RejectsItemsWithoutIntegerIdAndNumber) {
  for (const char* text : {R"([{"number":1}])", R"([{"id":1}])", R"([{"id":null,"number":1}])",
                           R"([{"id":"1","number":1}])", R"([{"id":1.5,"number":1}])",
                           R"([{"id":1,"number":1e2}])", R"([{"id":1,"number":2},{"number":3}])"}) {
    EXPECT_THROW(parse_pull_page(text), std::runtime_error) << text;
  }
}

TEST(PullRequestParser, RejectsKeptFieldsOfTheWrongType) {
  for (const char* text :
       {R"([{"id":1,"number":2,"title":5}])", R"([{"id":1,"number":2,"user":"octocat"}])",
        R"([{"id":1,"number":2,"draft":"yes"}])", R"([{"id":1,"number":2,"head":[]}])",
        R"([{"id":1,"number":2,"merged_at":false}])"}) {
    EXPECT_THROW(parse_pull_page(text), std::runtime_error) << text;
  }
}

TEST(PullRequestParser, RejectsInvalidJsonEvenInSkippedParts) {
  for (const char* text : {
           R"([{"id":1,"number":2,"x":tru}])",
           R"([{"id":1,"number":2,"x":01}])",
           R"([{"id":1,"number":2,"x":1.}])",
           R"([{"id":1,"number":2,"x":-}])",
           R"([{"id":1,"number":2,"x":"\x"}])",
           R"([{"id":1,"number":2,"x":"\u12"}])",
           R"([{"id":1,"number":2,"x":"\ud83d"}])",
           R"([{"id":1,"number":2,"x":"\ude00"}])",
           R"([{"id":1,"number":2,"x":"\ud83dx"}])",
           R"([{"id":1,"number":2,"x":[1,]}])",
           R"([{"id":1,"number":2,}])",
           R"([{"id":1,"number":2}],)",
           R"([{"id":1,"number":2}] x)",
           R"([{"id":1,"number":2} {"id":3}])",
           R"([{"id":1 "number":2}])",
           R"([{"id":1,"number":2,"x":{"a" 1}}])",
           "[{\"id\":1,\"number\":2,\"x\":\"a\tb\"}]",              // raw control character
           "[{\"id\":1,\"number\":2,\"x\":\"\xC3\"}]",              // truncated UTF-8
           "[{\"id\":1,\"number\":2,\"x\":\"\xED\xA0\x80\"}]",      // UTF-8 encoded surrogate
           "[{\"id\":1,\"number\":2,\"x\":\"\xC0\xAF\"}]",          // overlong
           "[{\"id\":1,\"number\":2,\"x\":\"\xF4\x90\x80\x80\"}]",  // above U+10FFFF
       }) {
    EXPECT_THROW(parse_pull_page(text), std::runtime_error) << text;
  }
}

TEST(PullRequestParser, DeepNestingIsRejectedWithoutCrashing) {
  std::string deep =
      R"([{"id":1,"number":2,"x":)" + std::string(100'000, '[') + std::string(100'000, ']') + "}]";
  EXPECT_THROW(parse_pull_page(deep), std::runtime_error);
  std::string fine =
      R"([{"id":1,"number":2,"x":)" + std::string(100, '[') + std::string(100, ']') + "}]";
  EXPECT_EQ(parse_pull_page(fine).size(), 1u);
}

TEST(PullRequestParser, EveryTruncationOfAPageIsRejected) {
  std::string page = github_test::make_pull_page(3, 1, 3, /*ensure_ascii=*/true);
  ASSERT_EQ(parse_pull_page(page).size(), 3u);
  for (std::size_t length = 0; length < page.size(); length += 1 + length % 5) {
    // A copy, so that reading past the end is a heap overflow ASan can see.
    EXPECT_THROW(parse_pull_page(page.substr(0, length)), std::runtime_error)
        << "accepted the first " << length << " of " << page.size() << " bytes";
  }
}

// One-byte corruptions: whatever nlohmann rejects as JSON we must reject, and
// whatever we accept must read exactly as nlohmann reads it.
TEST(PullRequestParser, AgreesWithNlohmannOnCorruptedPages) {
  std::string page =
      R"([{"id":1,"number":2,"title":"t\u00e9\ud83d\ude00","body":null,"user":{"id":3,"login":"l"},)"
      R"("head":{"ref":"h","repo":{"n":[1,-2.5e3,true,false,null,"\n"]}},"draft":false},)"
      R"({"id":4,"number":5,"merged_at":"m","base":{"ref":"b"},"x":{}}])";
  std::mt19937 rng(12345);
  const std::string alphabet = "{}[]\",:\\0123456789.-eEtfnu \x01\x80\xC3\xFF";
  for (int round = 0; round < 5000; ++round) {
    std::string mutated = page;
    mutated[rng() % mutated.size()] = alphabet[rng() % alphabet.size()];
    bool nlohmann_accepts = json::accept(mutated);
    std::vector<PullRequest> ours;
    bool we_accept = true;
    try {
      ours = parse_pull_page(mutated);
    } catch (const std::runtime_error&) {
      we_accept = false;
    }
    if (!nlohmann_accepts) {
      EXPECT_FALSE(we_accept) << mutated;
    } else if (we_accept) {
      EXPECT_EQ(describe(ours), describe(github_test::reference_parse(mutated))) << mutated;
    }
  }
}

}  // namespace
