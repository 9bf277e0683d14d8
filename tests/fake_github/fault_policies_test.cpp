// The ready-made fault policies and the fault names of the command line.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "fake_github/fault_policies.hpp"

namespace fake_github {
namespace {

const std::vector<Fault> kDrawable = {Fault::kServerError500, Fault::kBadGateway502,
                                      Fault::kConnectionReset, Fault::kTruncatedBody};

RandomFaults::Options share_of(double share, std::uint64_t seed = 7) {
  RandomFaults::Options options;
  options.seed = seed;
  options.share = share;
  options.faults = kDrawable;
  return options;
}

std::vector<Fault> draws(const RandomFaults& policy, std::size_t count,
                         const std::string& path = "/repos/o/r/pulls") {
  std::vector<Fault> faults;
  for (std::size_t index = 1; index <= count; ++index)
    faults.push_back(policy.fault_for(index, path));
  return faults;
}

std::size_t faulted(const std::vector<Fault>& faults) {
  std::size_t n = 0;
  for (const Fault fault : faults) n += fault != Fault::kNone;
  return n;
}

TEST(FaultNames, RoundTripAndListsParse) {
  for (const char* name : {"500", "502", "503", "reset", "truncated", "slow", "secondary",
                           "secondary-no-retry-after", "429", "html"}) {
    const auto fault = fault_from_name(name);
    ASSERT_TRUE(fault) << name;
    EXPECT_EQ(fault_name(*fault), name);
  }
  EXPECT_EQ(parse_fault_list("500,502,503,reset,truncated,secondary,html"),
            (std::vector<Fault>{Fault::kServerError500, Fault::kBadGateway502,
                                Fault::kServiceUnavailable503, Fault::kConnectionReset,
                                Fault::kTruncatedBody, Fault::kSecondaryLimit403,
                                Fault::kHtmlErrorPage}));
  EXPECT_THROW(parse_fault_list("500,teapot"), std::invalid_argument);
  EXPECT_THROW(parse_fault_list(""), std::invalid_argument);
  EXPECT_THROW(parse_fault_list("500,"), std::invalid_argument);
  EXPECT_THROW(parse_fault_list("none"), std::invalid_argument);
}

TEST(ScriptedFaults, FaultsOnlyTheListedRequestNumbersWhateverThePath) {
  ScriptedFaults script{{3, Fault::kBadGateway502}, {4, Fault::kConnectionReset}};
  RecordedRequest rate_limit;
  rate_limit.path = "/rate_limit";
  EXPECT_EQ(script.choose(1, {}), Fault::kNone);
  EXPECT_EQ(script.choose(3, {}), Fault::kBadGateway502);
  EXPECT_EQ(script.choose(4, rate_limit), Fault::kConnectionReset);
  EXPECT_EQ(script.choose(5, {}), Fault::kNone);
}

TEST(RandomFaults, TheSameSeedFaultsTheSameRequestsWithTheSameFaults) {
  const RandomFaults one(share_of(0.3, 42)), again(share_of(0.3, 42)), other(share_of(0.3, 43));
  EXPECT_EQ(draws(one, 1000), draws(again, 1000));
  EXPECT_NE(draws(one, 1000), draws(other, 1000));
}

TEST(RandomFaults, FaultsTheRequestedShareDrawingEveryListedFault) {
  for (const std::uint64_t seed : {1u, 2u, 3u}) {
    SCOPED_TRACE(seed);
    const std::vector<Fault> faults = draws(RandomFaults(share_of(0.3, seed)), 1000);
    const std::size_t n = faulted(faults);
    EXPECT_GE(n, 250u);
    EXPECT_LE(n, 350u);
    std::map<Fault, int> seen;
    for (const Fault fault : faults) ++seen[fault];
    for (const Fault fault : kDrawable) EXPECT_GT(seen[fault], 40) << fault_name(fault);
    EXPECT_EQ(seen.size(), kDrawable.size() + 1);  // nothing outside the list
  }
  EXPECT_EQ(faulted(draws(RandomFaults(share_of(0.0)), 1000)), 0u);
  EXPECT_EQ(faulted(draws(RandomFaults(share_of(1.0)), 1000)), 1000u);
}

TEST(RandomFaults, RateLimitEndpointAndTheFirstRequestsAreExemptUnlessAsked) {
  RandomFaults::Options options = share_of(1.0);
  options.exempt_first = 5;
  const RandomFaults policy(options);
  EXPECT_EQ(faulted(draws(policy, 1000, "/rate_limit")), 0u);
  const std::vector<Fault> pulls = draws(policy, 10);
  EXPECT_EQ(faulted({pulls.begin(), pulls.begin() + 5}), 0u);
  EXPECT_EQ(faulted({pulls.begin() + 5, pulls.end()}), 5u);

  options.exempt_paths.clear();
  EXPECT_EQ(faulted(draws(RandomFaults(options), 1000, "/rate_limit")), 995u);
}

TEST(RandomFaults, ConcurrentChoosersGetTheSameAnswersAsOne) {
  RandomFaults policy(share_of(0.3, 9));
  const std::vector<Fault> expected = draws(RandomFaults(share_of(0.3, 9)), 4000);
  std::vector<Fault> got(4000, Fault::kNone);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      RecordedRequest request;
      request.path = "/repos/o/r/pulls";
      for (std::size_t index = t + 1; index <= 4000; index += 4)
        got[index - 1] = policy.choose(index, request);
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(got, expected);
  EXPECT_EQ(policy.injected(), faulted(expected));
}

TEST(RandomFaults, RejectsAShareOutsideTheUnitIntervalOrNoFaults) {
  EXPECT_THROW(RandomFaults(share_of(1.5)), std::invalid_argument);
  EXPECT_THROW(RandomFaults(share_of(-0.1)), std::invalid_argument);
  RandomFaults::Options none = share_of(0.5);
  none.faults.clear();
  EXPECT_THROW(RandomFaults{none}, std::invalid_argument);
}

}  // namespace
}  // namespace fake_github
