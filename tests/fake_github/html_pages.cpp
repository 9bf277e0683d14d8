#include "fake_github/html_pages.hpp"

namespace fake_github {

const std::string& unicorn_page() {
  static const std::string page = R"(<!DOCTYPE html>
<html>
  <head>
    <meta http-equiv="Content-type" content="text/html; charset=utf-8">
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; base-uri 'self'; connect-src 'self'; form-action 'self'; img-src 'self' data:; script-src 'self'; style-src 'unsafe-inline'">
    <meta content="origin" name="referrer">
    <title>Unicorn! &middot; GitHub</title>
    <style type="text/css" media="screen">
      body { background-color: #f1f1f1; margin: 0; font-family: "Helvetica Neue", Helvetica, Arial, sans-serif; }
      .container { margin: 50px auto 40px auto; width: 600px; text-align: center; }
      a { color: #4183c4; text-decoration: none; }
      p { color: rgba(0, 0, 0, 0.5); margin: 10px 0 10px; font-size: 18px; font-weight: 200; line-height: 1.6em; }
    </style>
  </head>
  <body>
    <div class="container">
      <p><strong>We couldn't respond to your request in time.</strong></p>
      <p>
        Sorry about that. Please try refreshing and contact us if the problem persists.
      </p>
      <div id="suggestions">
        <a href="https://github.com/contact">Contact Support</a> &mdash;
        <a href="https://www.githubstatus.com">GitHub Status</a> &mdash;
        <a href="https://twitter.com/githubstatus">@githubstatus</a>
      </div>
    </div>
  </body>
</html>
)";
  return page;
}

const std::string& proxy_error_page() {
  static const std::string page = R"(<html>
<head><title>Network Error</title></head>
<body>
<h1>Network Error (tcp_error)</h1>
<p>A communication error occurred: "Operation timed out"</p>
<p>The Web Server may be down, too busy, or experiencing other problems preventing it from responding to requests. You may wish to try again at a later time.</p>
<hr>
<p>For assistance, contact your network support team.</p>
</body>
</html>
)";
  return page;
}

}  // namespace fake_github
