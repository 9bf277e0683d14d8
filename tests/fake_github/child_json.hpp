#pragma once
// REST JSON of a pull request's children: "Pull Request Review Comment"
// (GET /repos/{owner}/{repo}/pulls/comments), "Pull Request Review"
// (.../pulls/{n}/reviews) and "Issue Comment" (.../issues/{n}/comments), in
// the shapes of tests/reference/github-rest-subset.json.
#include <string>

#include "fake_github/depth_snapshot.hpp"

namespace fake_github {

void append_review_comment_json(std::string& out, const DepthSnapshot& snapshot,
                                const ChildContext& context, const ReviewComment& comment);
void append_review_json(std::string& out, const DepthSnapshot& snapshot,
                        const ChildContext& context, const Review& review);
void append_issue_comment_json(std::string& out, const DepthSnapshot& snapshot,
                               const ChildContext& context, const Child& comment);

// The author_association GitHub shows for a child's author.
std::string_view child_author_association(std::uint64_t seed, const Child& child);

}  // namespace fake_github
