#pragma once
#include <random>
#include <string>

namespace backfill::store {

// Random (version 4) UUIDs for the engines that cannot make their own.
// Seeded once from std::random_device, so two processes never share a
// sequence; not for cryptographic use.
class UuidGenerator {
 public:
  UuidGenerator();
  std::string next();  // "xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx"

 private:
  std::mt19937_64 engine_;
};

}  // namespace backfill::store
