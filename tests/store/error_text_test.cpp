#include "store/error_text.hpp"

#include <gtest/gtest.h>

namespace backfill::store {
namespace {

TEST(ErrorText, TheFirstLineWithTextInIt) {
  EXPECT_EQ(short_error("ERROR:  duplicate key\nDETAIL:  Key (id)=(1) already exists.\n"),
            "ERROR: duplicate key");
  EXPECT_EQ(short_error("\n  \n\tlost\t the   connection \r\nmore"), "lost the connection");
  EXPECT_EQ(short_error("one line"), "one line");
  EXPECT_EQ(short_error(""), "");
}

TEST(ErrorText, LongLinesAreCutOnACharacterBoundary) {
  EXPECT_EQ(short_error(std::string(10, 'a'), 4), "aaaa...");
  // "é" is two bytes: a cut inside it backs up to before it.
  EXPECT_EQ(short_error("abc\xC3\xA9xyz", 4), "abc...");
  EXPECT_EQ(short_error("abc\xC3\xA9xyz", 5), "abc\xC3\xA9...");
}

TEST(ErrorText, StoredErrorsLoseNulCharacters) {
  EXPECT_EQ(stored_error(std::string("a\0b\nc", 5)), "ab");
  EXPECT_EQ(stored_error(std::nullopt), std::nullopt);
}

}  // namespace
}  // namespace backfill::store
