#pragma once
// The GraphQL-shaped JSON of generated objects that the GraphQL sidecar
// wraps into schema objects (graphql_data.hpp): actors, pull requests and
// the fields every child shares. Field names are the schema's.
#include <cstdint>
#include <string>

#include "fake_github/depth_snapshot.hpp"

namespace fake_github {

// An Actor (User or Bot, with __typename), or null for a deleted account.
void append_actor(std::string& out, const UserPool& users, std::int32_t index);
// Opens an object with id (the node id), fullDatabaseId and databaseId;
// the caller adds members and closes it.
void append_ids(std::string& out, const std::string& node_id, std::int64_t id);
// Opens a child's object: ids, author, body, times.
void append_child_common(std::string& out, const DepthSnapshot& snapshot, const Child& child,
                         ChildKind kind);
// The whole PullRequest of pulls[index], with its child counts and cursor keys.
void append_pull(std::string& out, const DepthSnapshot& snapshot, std::size_t index);

}  // namespace fake_github
