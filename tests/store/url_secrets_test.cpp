// The database password, in every form a database URL can carry it, is
// hidden from every message once the URL has been opened.
#include "store/url_secrets.hpp"

#include <gtest/gtest.h>

#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"
#include "backfill/store/store.hpp"

namespace backfill::store {
namespace {

// Opens `url` (nothing listens on 127.0.0.1:1) and returns the message of
// the error, which must come.
std::string open_error(const std::string& url) {
  try {
    open_store(url);
  } catch (const std::exception& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error opening " << url;
  return "";
}

struct Form {
  const char* url;
  std::vector<const char*> passwords;  // as written and as libpq reads it
};

class PasswordForms : public ::testing::TestWithParam<Form> {};

TEST_P(PasswordForms, OpeningRegistersThePasswordSoNoLaterMessageShowsIt) {
  const std::string message = open_error(GetParam().url);
  EXPECT_EQ(message.find("Pw1"), std::string::npos) << message;
  for (const char* password : GetParam().passwords) {
    // A later message (a log line, a JSON field) quoting the password.
    const std::string later = redact(std::string("connection to server failed for ") + password +
                                     " and again \"" + password + "\"");
    EXPECT_EQ(later.find(password), std::string::npos) << later;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Urls, PasswordForms,
    ::testing::Values(
        Form{"postgres://alice:UrlPw1secret@127.0.0.1:1/db", {"UrlPw1secret"}},
        Form{"postgresql://alice:SslPw1secret@127.0.0.1:1/db?sslmode=disable", {"SslPw1secret"}},
        Form{"postgres://:NoUserPw1secret@127.0.0.1:1/db", {"NoUserPw1secret"}},
        Form{"postgresql://alice:Enc%40Pw1%2Fsecret@127.0.0.1:1/db",
             {"Enc%40Pw1%2Fsecret", "Enc@Pw1/secret"}},
        Form{"postgresql://127.0.0.1:1/db?user=alice&password=QueryPw1secret", {"QueryPw1secret"}},
        Form{"postgresql://127.0.0.1:1/db?password=QEnc%20Pw1secret&user=a",
             {"QEnc%20Pw1secret", "QEnc Pw1secret"}},
        Form{"host=127.0.0.1 port=1 dbname=db password=KvPw1secret", {"KvPw1secret"}},
        Form{"host=127.0.0.1 port=1 password = 'Quoted Pw1 secret' dbname=db",
             {"Quoted Pw1 secret"}},
        Form{R"(host=127.0.0.1 port=1 password='It\'s Pw1 sec\\ret' dbname=db)",
             {R"(It\'s Pw1 sec\\ret)", R"(It's Pw1 sec\ret)"}},
        Form{"postgres:alice:TypoPw1secret@127.0.0.1:1/db", {"TypoPw1secret"}}),
    [](const ::testing::TestParamInfo<Form>& info) { return "Form" + std::to_string(info.index); });

TEST(RedactFallback, HidesQuotedAndSpacedPasswordParameters) {
  EXPECT_EQ(redact("host=db password='a quoted one' user=x"), "host=db password=*** user=x");
  EXPECT_EQ(redact("host=db password = plain user=x"), "host=db password = *** user=x");
  EXPECT_EQ(redact("host=db sslpassword=keypass user=x"), "host=db sslpassword=*** user=x");
  EXPECT_EQ(redact("postgres://:nouser@db/x"), "postgres://:***@db/x");
  EXPECT_EQ(redact("postgres:alice:typo@db/x"), "postgres:alice:***@db/x");
}

TEST(ScrubDatabaseError, HidesShortPasswordsThatAreNotRegistered) {
  // Too short to register globally (it would redact ordinary words), but
  // still hidden in the database's own messages.
  const std::string message =
      scrub_database_error("host=h password=q7z", "bad password q7z for host=h password=q7z");
  EXPECT_EQ(message.find("q7z"), std::string::npos) << message;
}

}  // namespace
}  // namespace backfill::store
