#pragma once
// base64url without padding (RFC 4648 §5), as JWTs use it: the fake reads
// the App's JWTs with it and the JWT tests take them apart.
#include <optional>
#include <string>

namespace fake_github {

// nullopt when `text` holds a character outside the base64url alphabet.
std::optional<std::string> base64url_decode(const std::string& text);

}  // namespace fake_github
