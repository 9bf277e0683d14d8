#pragma once
// Why this exists: cpp-httplib 0.11's Server::stop() closes the listening
// socket but lets each worker sit out its keep-alive wait (5 s) on an idle
// client connection, and offers no handle on accepted sockets. A test that
// stops the fake while a client still holds a connection would hang that
// long. So stopping also shuts down, at the socket level, every connection
// this process accepted on the fake's port.
//
// The same descriptor scan lets a fault drop one connection on purpose.
namespace fake_github {

// Shuts down (SHUT_RDWR) every connected socket of this process whose local
// port is `port`: the server side of connections accepted on it. Client
// sockets of the same process connected to `port` have an ephemeral local
// port and are left alone. Linux-only (/proc/self/fd); elsewhere a no-op.
void shut_down_accepted_connections(int port);

// Tears down, with a TCP reset and before any response is written, the
// accepted connection from `peer_port` to `local_port` (Fault::kConnectionReset;
// httplib's handlers never see their socket). The descriptor number is kept
// alive on /dev/null so httplib's later writes fail and its close stays
// harmless. Call only from the thread handling a request on that connection.
// Returns false when no such connection is found.
bool abort_connection(int local_port, int peer_port);

}  // namespace fake_github
