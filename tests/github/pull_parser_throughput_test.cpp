// Informative: how fast each way of reading a pulls page is, on a realistic
// 100-item page. Only correctness is asserted (all three agree); the speeds
// are printed, since a 2-core CI runner's timings are too noisy to assert.
// The nlohmann SAX reader lives here as the measured alternative that lost.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <functional>

#include "backfill/github/pull_request.hpp"
#include "github/pull_page_generator.hpp"

namespace {

using backfill::github::PullRequest;
using github_test::json;

// Tracks depth and the last key per level; materialises only kept fields.
class PullSaxReader : public nlohmann::json_sax<json> {
 public:
  std::vector<PullRequest> pulls;

  bool null() override {
    if (depth_ != 2) return true;
    PullRequest& pr = pulls.back();
    const std::string& k = keys_[2];
    if (k == "body") pr.body.reset();
    else if (k == "user") pr.author.reset();
    else if (k == "closed_at") pr.closed_at.reset();
    else if (k == "merged_at") pr.merged_at.reset();
    else if (k == "merge_commit_sha") pr.merge_commit_sha.reset();
    return true;
  }
  bool boolean(bool value) override {
    if (depth_ == 2 && keys_[2] == "draft") pulls.back().draft = value;
    return true;
  }
  bool number_integer(number_integer_t value) override { return integer(value); }
  bool number_unsigned(number_unsigned_t value) override {
    return integer(static_cast<std::int64_t>(value));
  }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool string(string_t& value) override {
    if (depth_ == 2) {
      PullRequest& pr = pulls.back();
      const std::string& k = keys_[2];
      if (k == "title") pr.title = std::move(value);
      else if (k == "body") pr.body = std::move(value);
      else if (k == "state") pr.state = std::move(value);
      else if (k == "created_at") pr.created_at = std::move(value);
      else if (k == "updated_at") pr.updated_at = std::move(value);
      else if (k == "closed_at") pr.closed_at = std::move(value);
      else if (k == "merged_at") pr.merged_at = std::move(value);
      else if (k == "merge_commit_sha") pr.merge_commit_sha = std::move(value);
      else if (k == "html_url") pr.html_url = std::move(value);
    } else if (depth_ == 3) {
      PullRequest& pr = pulls.back();
      const std::string& k = keys_[3];
      if (keys_[2] == "user" && pr.author) {
        if (k == "login") pr.author->login = std::move(value);
        else if (k == "avatar_url") pr.author->avatar_url = std::move(value);
        else if (k == "type") pr.author->type = std::move(value);
      } else if (k == "ref") {
        if (keys_[2] == "head") pr.head_ref = std::move(value);
        else if (keys_[2] == "base") pr.base_ref = std::move(value);
      }
    }
    return true;
  }
  bool start_object(std::size_t) override {
    ++depth_;
    if (depth_ == 2) pulls.emplace_back();
    if (depth_ == 3 && keys_[2] == "user") pulls.back().author.emplace();
    return true;
  }
  bool key(string_t& value) override {
    if (depth_ <= 3) keys_[depth_] = value;
    return true;
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    ++depth_;
    return true;
  }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    throw std::runtime_error(e.what());
  }

 private:
  bool integer(std::int64_t value) {
    if (depth_ == 2 && keys_[2] == "id") pulls.back().github_id = value;
    if (depth_ == 2 && keys_[2] == "number") pulls.back().number = value;
    if (depth_ == 3 && keys_[2] == "user" && keys_[3] == "id")
      pulls.back().author->github_id = value;
    return true;
  }
  int depth_ = 0;
  std::string keys_[4];
};

std::vector<PullRequest> parse_with_sax(const std::string& text) {
  PullSaxReader reader;
  json::sax_parse(text, &reader);
  return std::move(reader.pulls);
}

struct Speed {
  double mb_per_s;
  double pulls_per_s;
};

Speed measure(const std::string& page, std::size_t pulls_per_page,
              const std::function<std::size_t(const std::string&)>& parse) {
  using Clock = std::chrono::steady_clock;
  int rounds = 0;
  std::size_t sink = 0;
  auto start = Clock::now();
  auto elapsed = Clock::duration::zero();
  while (elapsed < std::chrono::milliseconds(400) || rounds < 3) {
    sink += parse(page);
    ++rounds;
    elapsed = Clock::now() - start;
  }
  EXPECT_EQ(sink, pulls_per_page * rounds);
  double seconds = std::chrono::duration<double>(elapsed).count();
  return {page.size() * rounds / seconds / 1e6, pulls_per_page * rounds / seconds};
}

TEST(PullParserThroughput, ScannerSaxAndDomAgreeAndReportSpeed) {
  // Ordinary pulls: the 70 KB bodies would flatter the MB/s figure.
  const std::string page = github_test::make_pull_page(100, 1, 42, false, /*huge_bodies=*/false);
  auto expected = github_test::describe(github_test::reference_parse(page));
  ASSERT_EQ(github_test::describe(backfill::github::parse_pull_page(page)), expected);
  ASSERT_EQ(github_test::describe(parse_with_sax(page)), expected);

  auto scanner = measure(
      page, 100, [](const std::string& p) { return backfill::github::parse_pull_page(p).size(); });
  auto sax = measure(page, 100, [](const std::string& p) { return parse_with_sax(p).size(); });
  auto dom = measure(page, 100,
                     [](const std::string& p) { return github_test::reference_parse(p).size(); });
  std::printf("pulls page: %zu bytes, %zu bytes per pull\n", page.size(), page.size() / 100);
  std::printf("  scanner (shipped): %8.1f MB/s %10.0f pulls/s\n", scanner.mb_per_s,
              scanner.pulls_per_s);
  std::printf("  nlohmann SAX:      %8.1f MB/s %10.0f pulls/s\n", sax.mb_per_s, sax.pulls_per_s);
  std::printf("  nlohmann DOM:      %8.1f MB/s %10.0f pulls/s\n", dom.mb_per_s, dom.pulls_per_s);
  RecordProperty("scanner_mb_per_s", static_cast<int>(scanner.mb_per_s));
  RecordProperty("sax_mb_per_s", static_cast<int>(sax.mb_per_s));
}

}  // namespace
