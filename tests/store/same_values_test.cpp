// Both engines store exactly the same values, or refuse the same ones:
// 64-bit numbers and ids, one timestamp form, short error messages.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "backfill/core/errors.hpp"
#include "backfill/store/store.hpp"
#include "support/db_probe.hpp"
#include "support/test_databases.hpp"

namespace backfill::store {
namespace {

constexpr const char* kNow = "2024-06-01T00:00:00Z";
constexpr std::int64_t kTwo31 = std::int64_t{1} << 31;
constexpr std::int64_t kTwo53 = std::int64_t{1} << 53;
constexpr std::int64_t kTwo62 = std::int64_t{1} << 62;

class SameValuesTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    repo_ = store().upsert_repository(kTwo62 + 1, RepoName{"octo", "big"}, kNow);
    store().begin_run(repo_.id, 10, false, kNow);
  }

  Store& store() { return *fresh_.store; }
  const std::string& url() const { return fresh_.database.url(); }

  ChunkWrite chunk_of(std::vector<PullRequest> pulls) const {
    return ChunkWrite{repo_.id, std::move(pulls), "cursor", kNow, {}};
  }

  testing::FreshStore fresh_{GetParam()};
  Repository repo_;
};

TEST_P(SameValuesTest, NumbersAndIdsAreSixtyFourBit) {
  std::vector<PullRequest> pulls;
  for (const std::int64_t n : {kTwo31 + 7, kTwo53 + 1, kTwo62 + 3}) {
    auto pr = testing::sample_pull_request(1);
    pr.number = n;
    pr.github_id = n + 11;
    pr.author->github_id = n + 13;
    pulls.push_back(pr);
  }
  EXPECT_EQ(store().upsert_chunk(chunk_of(pulls)), 3);
  EXPECT_EQ(testing::query_ints(url(), "SELECT number FROM pull_requests ORDER BY number"),
            (std::vector<std::int64_t>{kTwo31 + 7, kTwo53 + 1, kTwo62 + 3}));
  EXPECT_EQ(testing::query_ints(url(), "SELECT github_id FROM pull_requests ORDER BY github_id"),
            (std::vector<std::int64_t>{kTwo31 + 18, kTwo53 + 12, kTwo62 + 14}));
  EXPECT_EQ(testing::query_ints(url(), "SELECT github_id FROM contributors ORDER BY github_id"),
            (std::vector<std::int64_t>{kTwo31 + 20, kTwo53 + 14, kTwo62 + 16}));
  EXPECT_EQ(testing::query_int(url(), "SELECT github_id FROM repositories"), kTwo62 + 1);

  // Counts, too.
  store().begin_run(repo_.id, kTwo31 + 5, false, kNow);
  EXPECT_EQ(store().load_progress(repo_.id)->total_expected, kTwo31 + 5);
  store().complete_run(repo_.id, kTwo53 + 9, kNow);
  EXPECT_EQ(store().load_progress(repo_.id)->total_expected, kTwo53 + 9);
  EXPECT_EQ(testing::query_int(url(), "SELECT github_pull_count FROM repositories"), kTwo53 + 9);
}

TEST_P(SameValuesTest, ATimestampThatIsNotADateIsRefusedNamingThePullRequest) {
  const std::vector<std::pair<const char*, std::string>> bad = {
      {"created_at", "yesterday"},
      {"created_at", "2024-02-30T00:00:00Z"},       // no such day
      {"updated_at", "2024-01-02T03:04:05+02:00"},  // not UTC
      {"closed_at", "2024-01-02 03:04:05"},
      {"merged_at", "2023-02-29T00:00:00Z"},  // not a leap year
  };
  for (const auto& [field, value] : bad) {
    auto pr = testing::sample_pull_request(42);
    pr.state = "closed";
    if (std::string(field) == "created_at") pr.created_at = value;
    if (std::string(field) == "updated_at") pr.updated_at = value;
    if (std::string(field) == "closed_at") pr.closed_at = value;
    if (std::string(field) == "merged_at") pr.merged_at = value;
    try {
      store().upsert_chunk(chunk_of({testing::sample_pull_request(41), pr}));
      ADD_FAILURE() << field << " " << value << " was stored";
    } catch (const FatalError& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find("#42"), std::string::npos) << message;
      EXPECT_NE(message.find(field), std::string::npos) << message;
      EXPECT_NE(message.find(value.substr(0, 8)), std::string::npos) << message;
    }
  }
  EXPECT_EQ(testing::query_int(url(), "SELECT count(*) FROM pull_requests"), 0);

  // Leap days that exist, and no time at all, are fine.
  auto leap = testing::sample_pull_request(43);
  leap.created_at = "2024-02-29T23:59:59Z";
  leap.updated_at = "2000-02-29T00:00:00Z";
  leap.closed_at = "";
  EXPECT_EQ(store().upsert_chunk(chunk_of({leap})), 1);
  EXPECT_EQ(testing::query_value(url(), "SELECT closed_at FROM pull_requests"), std::nullopt);
}

TEST_P(SameValuesTest, LastErrorIsAShortLineNeverAStatement) {
  const std::string statement_echo =
      "ERROR:  value too long for type character varying(3)\n"
      "LINE 1: INSERT INTO pull_requests (github_id, repository_id, number, title) VALUES ...\n"
      "                                                                                ^\n";
  RunEnd failed;
  failed.status = Status::kFailed;
  failed.error = statement_echo;
  failed.now = kNow;
  store().finish_run(repo_.id, failed);
  EXPECT_EQ(store().load_progress(repo_.id)->last_error,
            "ERROR: value too long for type character varying(3)");

  failed.error = std::string(5000, 'x');
  store().finish_run(repo_.id, failed);
  const auto long_one = store().load_progress(repo_.id)->last_error.value();
  EXPECT_LE(long_one.size(), 303u);
  EXPECT_EQ(long_one.substr(long_one.size() - 3), "...");

  const auto run = store().start_run_record({repo_.id, "octo/big", "terminal", {}, kNow});
  RunRecordEnd end;
  end.status = "failed";
  end.exit_code = 1;
  end.error = statement_echo;
  end.ended_at = kNow;
  store().finish_run_record(run, end);
  EXPECT_EQ(testing::query_value(url(), "SELECT error FROM backfill_runs"),
            "ERROR: value too long for type character varying(3)");
}

TEST_P(SameValuesTest, ADatabaseErrorReachesTheCallerAsOneLine) {
  // The database refuses every pull request, with a message and detail.
  if (GetParam() == Backend::kSqlite) {
    testing::execute(url(),
                     "CREATE TRIGGER refuse_pulls BEFORE INSERT ON pull_requests"
                     " BEGIN SELECT RAISE(ABORT, 'no pull requests today'); END");
  } else {
    testing::execute(url(),
                     "CREATE FUNCTION refuse_pulls() RETURNS trigger LANGUAGE plpgsql AS"
                     " $$ BEGIN RAISE EXCEPTION 'no pull requests today'"
                     " USING DETAIL = 'a detail line', HINT = 'a hint line'; END $$;"
                     "CREATE TRIGGER refuse_pulls BEFORE INSERT ON pull_requests"
                     " FOR EACH ROW EXECUTE FUNCTION refuse_pulls()");
  }
  try {
    store().upsert_chunk(chunk_of({testing::sample_pull_request(1)}));
    ADD_FAILURE() << "the chunk was stored";
  } catch (const FatalError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("no pull requests today"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_EQ(message.find("hint line"), std::string::npos) << message;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, SameValuesTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace backfill::store
