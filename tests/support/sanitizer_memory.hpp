#pragma once
// Peak-memory bounds under AddressSanitizer (scripts/test.sh --sanitize).
// ASan keeps freed blocks in a quarantine (256 MiB by default) instead of
// reusing them, and adds shadow memory and redzones: a buffer that doubles
// up to its cap leaves every smaller copy resident. The plain build asserts
// the tight bound; the instrumented one, about memory errors rather than
// footprint, allows this factor, still far below what an unbounded buffer
// would reach there (the endless body sends 256 MiB, several times that
// under ASan).
namespace backfill::testing {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr long kPeakMemoryFactor = 4;
#else
inline constexpr long kPeakMemoryFactor = 1;
#endif

}  // namespace backfill::testing
