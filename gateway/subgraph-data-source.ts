import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { Agent, request, type Dispatcher } from 'undici';
import { CLIENT_IP_HEADER, GATEWAY_SECRET_HEADER } from '../subgraphs/shared/gateway-secret';
import type { Logger } from '../subgraphs/shared/logger';
import type { GatewayContext } from './viewer';

/** Keep-alive connections to the subgraphs, shared by every data source of the process. */
const subgraphAgent = new Agent({ keepAliveTimeout: 30_000, connections: 128 });

/**
 * undici's request API with a deadline on every subgraph call (headers and body alike): a
 * stalled subgraph costs a request at most `timeoutMs`, never the whole stall. Not fetch:
 * a profile of the gateway under load spent a tenth of its time in fetch's web-streams
 * machinery writing each request body as an iterable; `request` writes it in one go.
 */
export const fetchWithDeadline =
  (timeoutMs: number): Fetcher =>
  async (url, init) => {
    const response = await request(url, {
      method: (init?.method ?? 'POST') as Dispatcher.HttpMethod,
      headers: init?.headers,
      body: init?.body,
      signal: AbortSignal.timeout(timeoutMs),
      dispatcher: subgraphAgent,
    });
    const text = await response.body.text();
    return answered(url, response.statusCode, response.headers, text);
  };

/** The small part of a fetch Response that the gateway reads, around a finished body. */
function answered(
  url: string,
  status: number,
  raw: Record<string, string | string[] | undefined>,
  text: string,
): FetcherResponse {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const response: FetcherResponse = {
    bodyUsed: false,
    url,
    redirected: false,
    status,
    ok: status >= 200 && status < 300,
    statusText: '',
    headers,
    text: () => Promise.resolve(text),
    json: () => Promise.resolve(JSON.parse(text) as unknown),
    arrayBuffer: () => Promise.resolve(new TextEncoder().encode(text).buffer as ArrayBuffer),
    clone: () => answered(url, status, raw, text),
  };
  return response;
}

/** The errors a subgraph's GraphQL body carries, if it is one. */
async function graphqlErrorsIn(response: FetcherResponse): Promise<GraphQLFormattedError[]> {
  try {
    const body = (await response.json()) as { errors?: unknown };
    return Array.isArray(body.errors) ? (body.errors as GraphQLFormattedError[]) : [];
  } catch {
    return [];
  }
}

// By name, not instanceof: fetch's DOMException may come from another realm.
const isTimeout = (error: unknown): boolean => {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
};

/**
 * How the gateway talks to a subgraph: it proves itself with the shared secret and passes
 * the client's Authorization header, address and user agent through, so each subgraph
 * authorizes on its own. A subgraph that fails (no answer in time, a refused connection, a
 * non-GraphQL answer) becomes one error naming the service; its URL, status and body go to
 * the log only. The other subgraphs' data is still returned.
 */
export class CampusSubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: { url: string; name: string },
    private readonly gatewaySecret: string,
    private readonly timeoutMs: number,
    private readonly log: Logger,
  ) {
    super({ url: subgraph.url, fetcher: fetchWithDeadline(timeoutMs) });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    request.http?.headers.set(GATEWAY_SECRET_HEADER, this.gatewaySecret);
    // `context` is empty for the gateway's own requests (health checks, schema loading).
    const { authorization, client } = context as Partial<GatewayContext>;
    if (authorization) request.http?.headers.set('authorization', authorization);
    if (client?.ip) request.http?.headers.set(CLIENT_IP_HEADER, client.ip);
    if (client?.userAgent) request.http?.headers.set('user-agent', client.userAgent);
  }

  /**
   * A non-2xx answer. When it is still a GraphQL response (GraphQL over HTTP lets a server
   * answer 4xx with errors), its first error passes on as the subgraph wrote it.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const [first] = await graphqlErrorsIn(response);
    this.log.warn(
      { subgraph: this.subgraph.name, status: response.status, message: first?.message },
      'subgraph answered with an HTTP error',
    );
    if (first?.message && first.extensions?.code) {
      return new GraphQLError(first.message, { extensions: first.extensions });
    }
    return this.unavailable('SUBGRAPH_UNAVAILABLE');
  }

  override didEncounterError(error: Error): never {
    if (error instanceof GraphQLError) throw error;
    const reason = isTimeout(error) ? 'SUBGRAPH_TIMEOUT' : 'SUBGRAPH_UNAVAILABLE';
    this.log.warn(
      { err: error, subgraph: this.subgraph.name, url: this.subgraph.url, reason },
      'subgraph call failed',
    );
    throw this.unavailable(reason);
  }

  private unavailable(reason: 'SUBGRAPH_TIMEOUT' | 'SUBGRAPH_UNAVAILABLE'): GraphQLError {
    const { name } = this.subgraph;
    const message =
      reason === 'SUBGRAPH_TIMEOUT'
        ? `The ${name} service did not answer within ${this.timeoutMs} ms.`
        : `The ${name} service is unavailable.`;
    return new GraphQLError(message, {
      extensions: { code: 'INTERNAL_SERVER_ERROR', service: name, reason },
    });
  }
}
