// POST /graphql on the router: who is calling, the GraphQL endpoint's
// answer (graphql_endpoint.hpp), and its headers with resource "graphql".
#include "fake_github/routes.hpp"

namespace fake_github {

void ApiRouter::answer_graphql(const httplib::Request& request, const std::string& request_id,
                               std::int64_t now, const RequestLog::Ticket& ticket,
                               httplib::Response& response) {
  const Caller caller = identify(request.get_header_value("Authorization"), now);
  GraphqlEndpoint::Reply reply = graphql_.answer(
      request.body, GraphqlEndpoint::Caller{caller.key, caller.authenticated, caller.rejected}, now,
      request_id);
  if (!reply.fault.empty()) log_.set_fault(ticket, "graphql:" + reply.fault);
  log_.set_status(ticket, reply.status);
  Answer answer{reply.status, std::move(reply.body), "", ""};
  answer.retry_after = reply.retry_after;
  write_api_reply(std::move(answer), reply.budget, request_id, response, "graphql");
}

}  // namespace fake_github
