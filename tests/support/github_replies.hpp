#pragma once
// Bodies and headers shaped like GitHub's, for tests that script replies
// themselves (the scripted transport, the hostile server) rather than use
// the faithful fake: small pull requests whose numbers and creation times
// both grow, so every page sorts the way GitHub's listing does.
#include <cstdint>
#include <string>

namespace backfill::testing::replies {

// Pull request `number`: id 9'000'000 + number, created `number` minutes
// after 2020-01-01T00:00:00Z, every stored field set.
std::string pull_json(std::int64_t number);
// A page holding pulls first .. first + count - 1 ("[]" when count <= 0).
std::string pulls_page_json(std::int64_t first, std::int64_t count);
std::string repository_json(std::int64_t github_id, const std::string& full_name);
// One link-value: <url>; rel="rel".
std::string link(const std::string& url, const std::string& rel);
// The listing URL of page `page` as GitHub writes it in Link headers.
std::string pulls_page_url(const std::string& api_url, std::int64_t repository_id, long page,
                           int per_page = 100);

}  // namespace backfill::testing::replies
