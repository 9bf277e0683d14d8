// How the PostgreSQL store connects: a time limit on connecting, session
// limits fit for a chunk, and a connection that breaks is replaced by the
// next call (ConnectionLost until then).
#include "store/postgres/pg_connect.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "backfill/core/errors.hpp"
#include "backfill/store/errors.hpp"
#include "backfill/store/store.hpp"
#include "support/db_probe.hpp"
#include "support/silent_server.hpp"
#include "support/test_databases.hpp"

namespace backfill::store {
namespace {

using postgres::with_default_connect_timeout;

TEST(PostgresConnect, TenSecondsToConnectUnlessTheUrlOrEnvironmentSaysOtherwise) {
  EXPECT_EQ(with_default_connect_timeout("postgresql://u@h/db", false),
            "postgresql://u@h/db?connect_timeout=10");
  EXPECT_EQ(with_default_connect_timeout("postgresql://u@h/db?sslmode=require", false),
            "postgresql://u@h/db?sslmode=require&connect_timeout=10");
  EXPECT_EQ(with_default_connect_timeout("postgresql://u@h/db?", false),
            "postgresql://u@h/db?connect_timeout=10");
  EXPECT_EQ(with_default_connect_timeout("postgresql://u@h/db?connect_timeout=3", false),
            "postgresql://u@h/db?connect_timeout=3");
  EXPECT_EQ(with_default_connect_timeout("postgres://h/db?a=1&connect_timeout=0", false),
            "postgres://h/db?a=1&connect_timeout=0");
  EXPECT_EQ(with_default_connect_timeout("postgresql://u@h/db", true), "postgresql://u@h/db");
  // Only a parameter of that name counts.
  EXPECT_EQ(with_default_connect_timeout("postgresql://u@h/db?xconnect_timeout=3", false),
            "postgresql://u@h/db?xconnect_timeout=3&connect_timeout=10");
}

TEST(PostgresConnect, AServerThatNeverAnswersFailsTheConnectAfterTheTimeout) {
  testing::SilentServer silent;
  const auto started = std::chrono::steady_clock::now();
  try {
    open_store(silent.postgres_url("?connect_timeout=1"));
    ADD_FAILURE() << "connected to a server that never answers";
  } catch (const FatalError& e) {
    const auto took = std::chrono::steady_clock::now() - started;
    EXPECT_GE(took, std::chrono::seconds(1));
    EXPECT_LT(took, std::chrono::seconds(5));
    const std::string message = e.what();
    EXPECT_NE(message.find("cannot connect to PostgreSQL at"), std::string::npos) << message;
    EXPECT_NE(message.find("no answer within 1 s (connect_timeout)"), std::string::npos) << message;
    EXPECT_EQ(message.find("s3cretPassw0rd"), std::string::npos) << message;
  }
}

TEST(PostgresConnect, SessionsHaveStatementAndIdleTransactionLimits) {
  testing::TestDatabase database(Backend::kPostgres);
  auto db = postgres::open_connection(database.url());
  pqxx::nontransaction tx(*db);
  EXPECT_EQ(tx.exec1("SHOW statement_timeout")[0].as<std::string>(), "5min");
  EXPECT_EQ(tx.exec1("SHOW idle_in_transaction_session_timeout")[0].as<std::string>(), "10min");

  // The URL's own options win.
  const auto separator = database.url().find('?') == std::string::npos ? "?" : "&";
  auto own =
      postgres::open_connection(database.url() + separator + "options=-c%20statement_timeout%3D7s");
  pqxx::nontransaction own_tx(*own);
  EXPECT_EQ(own_tx.exec1("SHOW statement_timeout")[0].as<std::string>(), "7s");
  EXPECT_EQ(own_tx.exec1("SHOW idle_in_transaction_session_timeout")[0].as<std::string>(), "10min");
}

TEST(PostgresConnect, ABrokenConnectionIsLostOnceThenReplaced) {
  testing::FreshStore fresh(Backend::kPostgres);
  auto& store = *fresh.store;
  const auto repo = store.upsert_repository(7, RepoName{"octo", "repo"}, "2024-06-01T00:00:00Z");
  // The server ends every session of the database but the one asking.
  testing::query_int(fresh.database.url(),
                     "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity"
                     " WHERE datname = current_database() AND pid <> pg_backend_pid()");
  try {
    store.find_repository(RepoName{"octo", "repo"});
    ADD_FAILURE() << "a terminated session answered";
  } catch (const ConnectionLost& e) {
    EXPECT_EQ(e.database(), "PostgreSQL");
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
  }
  EXPECT_EQ(store.find_repository(RepoName{"OCTO", "repo"})->id, repo.id);
  EXPECT_EQ(store.load_progress(repo.id), std::nullopt);
}

}  // namespace
}  // namespace backfill::store
