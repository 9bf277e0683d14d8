#pragma once
// The seam for fault injection: before the normal handler answers a request,
// a FaultPolicy may decide to answer it differently (slowly, with a 5xx, a
// truncated body, a dropped connection...). Only kNone exists so far; each
// new fault is an enumerator here plus its effect in routes.cpp.
#include <cstddef>

#include "fake_github/fake_github.hpp"

namespace fake_github {

enum class Fault {
  kNone,  // answer normally
};

class FaultPolicy {
 public:
  virtual ~FaultPolicy() = default;
  // `index` is the 1-based request number (as in on_request). Called on a
  // server thread, possibly concurrently.
  virtual Fault choose(std::size_t index, const RecordedRequest& request) = 0;
};

}  // namespace fake_github
