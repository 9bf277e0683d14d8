#pragma once
// HTML that reaches an API client when something other than the API answers:
// GitHub's edge (the "Unicorn!" 502 page) or a proxy on the way.
#include <string>

namespace fake_github {

// GitHub's 502 page, abridged (no inline images), served as text/html.
const std::string& unicorn_page();
// A corporate proxy's error page, of the kind served with status 200.
const std::string& proxy_error_page();

}  // namespace fake_github
