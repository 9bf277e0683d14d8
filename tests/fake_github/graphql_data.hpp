#pragma once
// The generated data, GraphQL-shaped, for the GraphQL sidecar
// (tests/fake_graphql/server.mjs) that executes queries against GitHub's
// schema. Internal: served on the fake's port under kGraphqlDataPrefix to
// requests carrying the sidecar's secret, never recorded, faulted or
// counted; everything else on that path is GitHub's 404 as before.
//   repo?owner=O&name=N                 {"id","nodeId","owner","name"} (404 unknown)
//   pulls?repo=ID&states=OPEN,MERGED&order=CREATED_AT|UPDATED_AT&direction=ASC|DESC
//        &first=N|last=N[&after=KEY|&before=KEY]
//                                       {"totalCount","hasNextPage","hasPreviousPage","nodes"}
//   pull?repo=ID&number=N | pull?id=GLOBAL_ID   one PR (404 unknown)
//   children?repo=ID&number=N&kind=comments|reviews|threads|thread-comments[&thread=J]
//        &offset=K&limit=L                      {"totalCount","nodes"}
// And POST batch with a JSON array of {"what": ..., "params": {...}}: a JSON
// array of {"status", "body"}, one per call, so one query's many
// connections cost one round trip per level.
// A PR's KEY ("SORTVALUE.NUMBER") is in its "cursorKeys"; cursors are the
// sidecar's business.
#include <map>
#include <string>

#include "fake_github/repository_model.hpp"

namespace fake_github {

inline constexpr const char* kGraphqlDataPrefix = "/_fake_internal/graphql/";

struct DataReply {
  int status = 200;
  std::string body;
};

DataReply answer_graphql_data(const RepositoryStore& store, const std::string& what,
                              const std::multimap<std::string, std::string>& params);
DataReply answer_graphql_data_batch(const RepositoryStore& store, const std::string& body);

}  // namespace fake_github
