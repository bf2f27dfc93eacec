import type http from 'node:http';

/**
 * How long a service keeps an idle client connection open: longer than its clients keep
 * theirs (the gateway's subgraph agent: SUBGRAPH_CLIENT_IDLE_MS; load balancers commonly
 * 60 s), so it is always the client that closes an idle connection, never the server under
 * a request the client just sent on it. Node's default (5 s) also made every pause in
 * traffic cost new connections at the next burst.
 */
export const SERVER_KEEP_ALIVE_MS = 65_000;

/** The gateway's idle connections to subgraphs close after this (below the servers' bound). */
export const SUBGRAPH_CLIENT_IDLE_MS = 60_000;

export function keepConnectionsAlive(server: http.Server): http.Server {
  server.keepAliveTimeout = SERVER_KEEP_ALIVE_MS;
  // Headers of a request on a kept-alive connection must be allowed past the idle bound.
  server.headersTimeout = SERVER_KEEP_ALIVE_MS + 1_000;
  return server;
}
