#pragma once
// Every repository a work queue hands out, claimed one after the other and
// held until the end (a held claim keeps its repository from the next
// claim_next), with a test failure for any repository handed out twice.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "backfill/store/work_queue.hpp"

namespace backfill::testing {

struct AllClaims {
  std::set<std::string> names;     // owner/name of each
  std::vector<store::Claim> held;  // released when this goes
};

inline AllClaims claim_all(store::WorkQueue& queue, const std::string& now) {
  AllClaims all;
  while (auto claim = queue.claim_next(now, {})) {
    EXPECT_TRUE(all.names.insert(claim->repository.name.full()).second)
        << claim->repository.name.full() << " claimed twice";
    all.held.push_back(std::move(*claim));
  }
  return all;
}

}  // namespace backfill::testing
