#include "fake_github/pull_generation.hpp"

#include <array>
#include <string_view>

#include "fake_github/json_text.hpp"

namespace fake_github {
namespace {

constexpr std::array<std::string_view, 16> kVerbs = {
    "Fix",    "Add",    "Remove", "Refactor",  "Update", "Document", "Speed up", "Simplify",
    "Harden", "Rename", "Test",   "Deprecate", "Cache",  "Validate", "Bump",     "Revert"};
constexpr std::array<std::string_view, 16> kSubjects = {
    "retry logic",      "the parser",     "pagination",   "error messages",
    "the CLI flags",    "config loading", "flaky test",   "memory leak",
    "race in shutdown", "log output",     "the README",   "unicode handling",
    "timeouts",         "the build",      "dependencies", "schema migration"};
constexpr std::array<std::string_view, 12> kModules = {"core", "http", "storage",   "sync",
                                                       "auth", "cli",  "docs",      "ci",
                                                       "api",  "db",   "scheduler", "metrics"};
constexpr std::array<std::string_view, 24> kWords = {
    "the",   "change",  "keeps",  "behaviour", "when",  "a",    "request",  "fails",
    "and",   "retries", "with",   "backoff",   "so",    "that", "users",    "see",
    "fewer", "errors",  "during", "deploys",   "which", "was",  "reported", "earlier"};

std::uint64_t pull_hash(std::uint64_t seed, std::int64_t number, std::uint64_t salt) {
  return mix64(seed * 0x100000001b3ULL ^ mix64(static_cast<std::uint64_t>(number) + salt));
}

template <std::size_t N>
std::string_view pick(const std::array<std::string_view, N>& words, std::uint64_t hash) {
  return words[hash % N];
}

// A few sentences with the characters JSON has to escape (quotes, backslash,
// CR LF, tab), since real PR bodies are full of them.
void append_ordinary_body(std::string& out, std::uint64_t seed, const PullRecord& pull) {
  const std::uint64_t h = pull_hash(seed, pull.number, 11);
  out += '"';
  out += "## Summary\\r\\n\\r\\n";
  const int sentences = 2 + static_cast<int>(h % 5);
  for (int s = 0; s < sentences; ++s) {
    const std::uint64_t sh = mix64(h + static_cast<std::uint64_t>(s));
    const int words = 6 + static_cast<int>(sh % 10);
    for (int w = 0; w < words; ++w) {
      std::string_view word = pick(kWords, mix64(sh + static_cast<std::uint64_t>(w)));
      if (w == 0) {
        out += static_cast<char>(word[0] - 'a' + 'A');
        out.append(word.substr(1));
      } else {
        out += ' ';
        out.append(word);
      }
    }
    out += ". ";
  }
  out += "\\r\\n\\r\\nCloses #";
  append_int(out, pull.number > 1 ? pull.number - 1 : 1);
  if (h % 3 == 0) out += "\\r\\n\\r\\n```\\r\\npath\\\\to\\\\file\\t\\\"quoted\\\"\\r\\n```";
  out += '"';
}

constexpr char kNulBody[] = "Binary junk pasted here:\0<- a NUL byte.";

const std::string& huge_body_text() {
  static const std::string text = [] {
    constexpr std::string_view kLine = "This line repeats to make a very long body. ";
    std::string body;
    body.reserve(kHugeBodyLength);
    while (body.size() < kHugeBodyLength) body.append(kLine);
    body.resize(kHugeBodyLength);
    return body;
  }();
  return text;
}

}  // namespace

AwkwardCase awkward_case_for(int awkward_every, std::int64_t number) {
  if (awkward_every <= 0 || number % awkward_every != 0) return AwkwardCase::kNone;
  const std::int64_t ordinal = number / awkward_every - 1;
  return static_cast<AwkwardCase>(1 + ordinal % kAwkwardCaseCount);
}

PullRecord generate_pull(const GenerateOptions& options, std::int64_t number,
                         std::size_t user_count) {
  PullRecord pull;
  pull.number = number;
  pull.awkward = awkward_case_for(options.awkward_every, number);
  pull.created_at = kHistoryStartEpoch + number * kSecondsBetweenPulls;

  const std::uint64_t h = pull_hash(options.seed, number, 1);
  const auto hours = [](std::uint64_t v, std::int64_t max_hours) {
    return 60 + static_cast<std::int64_t>(v % static_cast<std::uint64_t>(max_hours * 3600));
  };
  // 55% merged, 15% closed without merging, 30% open.
  const int outcome = static_cast<int>(h % 100);
  bool merged = outcome < 55;
  bool closed = outcome < 70;
  if (pull.awkward == AwkwardCase::kMerged) merged = closed = true;
  if (pull.awkward == AwkwardCase::kClosedUnmerged) {
    merged = false;
    closed = true;
  }
  if (pull.awkward == AwkwardCase::kDraft) merged = closed = false;
  if (closed) {
    pull.closed_at = pull.created_at + hours(mix64(h + 2), 30 * 24);
    if (merged) pull.merged_at = pull.closed_at;
    pull.updated_at = pull.closed_at + static_cast<std::int64_t>(mix64(h + 3) % 2) * 45;
  } else {
    pull.updated_at = pull.created_at + hours(mix64(h + 4), 90 * 24);
    pull.draft = mix64(h + 5) % 10 == 0;
  }
  if (pull.awkward == AwkwardCase::kDraft) pull.draft = true;

  pull.user_index = static_cast<std::int32_t>(mix64(h + 6) % user_count);
  if (pull.awkward == AwkwardCase::kNullUser) pull.user_index = -1;
  if (mix64(h + 7) % 4 == 0) {
    pull.assignee_index = static_cast<std::int32_t>(mix64(h + 8) % user_count);
  }
  const std::uint64_t lh = mix64(h + 9);
  if (lh % 3 != 0) pull.label_mask = static_cast<std::uint8_t>(1u << (lh % 6));
  if (lh % 7 == 0) pull.label_mask |= static_cast<std::uint8_t>(1u << ((lh >> 8) % 6));
  pull.children_end = closed ? pull.closed_at : pull.updated_at;
  pull.edits_end = pull.updated_at;
  return pull;
}

PullRecord generate_new_pull(const GenerateOptions& options, std::int64_t number,
                             std::size_t user_count) {
  PullRecord pull = generate_pull(options, number, user_count);
  pull.closed_at = 0;
  pull.merged_at = 0;
  pull.updated_at = pull.created_at;
  pull.children_end = pull.edits_end = pull.created_at;
  pull.draft = pull.awkward == AwkwardCase::kDraft;
  return pull;
}

void append_title_json(std::string& out, std::uint64_t seed, const PullRecord& pull) {
  const std::uint64_t h = pull_hash(seed, pull.number, 21);
  out += '"';
  if (pull.awkward == AwkwardCase::kNonBmpText) {
    out += "🚀 fix ñ 中文 😀 in ";
  } else {
    out.append(pick(kVerbs, h));
    out += ' ';
    out.append(pick(kSubjects, h >> 8));
    out += " in ";
  }
  out.append(pick(kModules, h >> 16));
  if (h % 5 == 0) out += " (\\\"quick\\\" follow-up)";
  if (pull.title_edits > 0) {
    out += " (edited ";
    append_int(out, pull.title_edits);
    out += ')';
  }
  out += '"';
}

void append_body_json(std::string& out, std::uint64_t seed, const PullRecord& pull) {
  switch (pull.awkward) {
    case AwkwardCase::kNullBody: out += "null"; return;
    case AwkwardCase::kNulInBody:
      append_json_string(out, std::string_view(kNulBody, sizeof kNulBody - 1));
      return;
    case AwkwardCase::kNonBmpText:
      // Raw UTF-8 and an escaped surrogate pair for the same emoji: clients
      // must decode both spellings.
      out += "\"🚀 Emoji 😀 and 𝄞 (U+1D11E), ñ, 中文; escaped: \\ud83d\\ude00 \\u00f1\"";
      return;
    case AwkwardCase::kHugeBody: append_json_string(out, huge_body_text()); return;
    default: append_ordinary_body(out, seed, pull);
  }
}

std::string head_ref_for(const PullRecord& pull) {
  std::string ref = pull.awkward == AwkwardCase::kNonBmpText ? "unicode/ñ-中文-🚀-" : "feature/pr-";
  append_int(ref, pull.number);
  return ref;
}

}  // namespace fake_github
