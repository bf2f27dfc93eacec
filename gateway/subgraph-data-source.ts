import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Context } from '@opentelemetry/api';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { Agent } from 'undici';
import { CLIENT_IP_HEADER, GATEWAY_SECRET_HEADER } from '../subgraphs/shared/gateway-secret';
import { SUBGRAPH_CLIENT_IDLE_MS } from '../subgraphs/shared/http/keep-alive';
import type { Logger } from '../subgraphs/shared/logger';
import type { SubgraphFetchMetrics } from '../subgraphs/shared/observability/metrics-subgraph-fetch';
import { callSubgraph } from '../subgraphs/shared/observability/client-span';
import { TRACEPARENT_HEADER } from '../subgraphs/shared/observability/trace-context';
import { FetchBatcher, type SubgraphOperation } from './fetch-batching';
import { postToSubgraph, type PostedAnswer } from './subgraph-http';
import type { GatewayContext } from './viewer';

/** Keep-alive connections to the subgraphs, shared by every data source of the process. */
const subgraphAgent = new Agent({
  keepAliveTimeout: SUBGRAPH_CLIENT_IDLE_MS,
  keepAliveMaxTimeout: SUBGRAPH_CLIENT_IDLE_MS,
  connections: 128,
});

type Reason = 'SUBGRAPH_TIMEOUT' | 'SUBGRAPH_UNAVAILABLE';

/** A failed call, with what the log may say about it (never the client). */
class SubgraphCallError extends Error {
  constructor(
    readonly reason: Reason,
    readonly detail: Record<string, unknown>,
  ) {
    super(reason);
  }
}

// By name, not instanceof: an abort's DOMException may come from another realm.
const isTimeout = (error: unknown): boolean => {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * How the gateway talks to a subgraph: one POST (subgraph-http.ts, on keep-alive
 * connections, with one deadline over the whole call) that proves itself with the
 * shared secret and passes the client's Authorization header, address and user agent
 * through, so each subgraph authorizes on its own. The fetches of one client request that
 * start together go as one batch (fetch-batching.ts).
 *
 * A subgraph that fails (no answer in time, a refused connection, a non-GraphQL answer)
 * becomes one error naming the service; its URL, status and body go to the log only. The
 * other subgraphs' data is still returned.
 */
export class CampusSubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly batcher = new FetchBatcher<GatewayContext, GatewayGraphQLResponse>(
    (operations, context, parents) =>
      this.measured(() => this.sendBatch(operations, context, parents)),
  );

  private readonly url: URL;

  constructor(
    private readonly subgraph: { url: string; name: string },
    private readonly gatewaySecret: string,
    private readonly timeoutMs: number,
    private readonly log: Logger,
    private readonly fetches?: SubgraphFetchMetrics,
  ) {
    this.url = new URL(subgraph.url);
  }

  /** One call to the subgraph, timed and counted by outcome (ok, error, timeout). */
  private async measured<T>(call: () => Promise<T>): Promise<T> {
    const timer = this.fetches?.start(this.subgraph.name);
    try {
      const result = await call();
      timer?.done('ok');
      return result;
    } catch (error) {
      const timedOut = error instanceof SubgraphCallError && error.reason === 'SUBGRAPH_TIMEOUT';
      timer?.done(timedOut ? 'timeout' : 'error');
      throw error;
    }
  }

  async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    const { query, variables, operationName, extensions } = options.request;
    if (!query) throw new Error('Missing query');
    const operation: SubgraphOperation = { query, variables, operationName, extensions };
    try {
      // `context` is empty for the gateway's own requests (health checks, schema loading).
      if (options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION) {
        return await this.batcher.enqueue(options.context as GatewayContext, operation);
      }
      const [only] = await this.measured(() => this.sendBatch([operation], {}, []));
      return only ?? {};
    } catch (error) {
      throw this.clientError(error, (options.context as Partial<GatewayContext> | undefined)?.log);
    }
  }

  private async sendBatch(
    operations: SubgraphOperation[],
    context: Partial<GatewayContext>,
    parents: Context[],
  ): Promise<GatewayGraphQLResponse[]> {
    const batched = operations.length > 1;
    const payload = batched ? operations : operations[0];
    const call = { subgraph: this.subgraph.name, parents, traceId: context.traceId };
    const body = await callSubgraph(call, (traceparent) =>
      this.post(payload, context, traceparent),
    );
    if (!batched) {
      if (!isObject(body)) throw this.notGraphQL('not a JSON object');
      return [body];
    }
    // A request refused as a whole (a bad token, say) answers once for the whole batch.
    if (isObject(body)) return operations.map(() => body);
    if (!Array.isArray(body) || body.length !== operations.length || !body.every(isObject)) {
      throw this.notGraphQL('not one result per batched operation');
    }
    return body;
  }

  private async post(
    payload: unknown,
    context: Partial<GatewayContext>,
    traceparent: string | undefined,
  ): Promise<unknown> {
    const { authorization, client } = context;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [GATEWAY_SECRET_HEADER]: this.gatewaySecret,
    };
    if (traceparent) headers[TRACEPARENT_HEADER] = traceparent;
    if (authorization) headers.authorization = authorization;
    if (client?.ip) headers[CLIENT_IP_HEADER] = client.ip;
    if (client?.userAgent) headers['user-agent'] = client.userAgent;
    let response: PostedAnswer;
    try {
      response = await postToSubgraph(
        subgraphAgent,
        this.url,
        headers,
        JSON.stringify(payload),
        this.timeoutMs,
      );
    } catch (error) {
      throw new SubgraphCallError(isTimeout(error) ? 'SUBGRAPH_TIMEOUT' : 'SUBGRAPH_UNAVAILABLE', {
        err: error,
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.text) as unknown;
    } catch {
      throw this.notGraphQL('not JSON', response.statusCode);
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      throw this.httpError(response.statusCode, parsed, context.log);
    }
    return parsed;
  }

  /**
   * A non-2xx answer. When it is still a GraphQL response (GraphQL over HTTP lets a server
   * answer 4xx with errors), its first error passes on as the subgraph wrote it.
   */
  private httpError(status: number, body: unknown, log = this.log): Error {
    const errors = isObject(body) && Array.isArray(body.errors) ? body.errors : [];
    const first = errors[0] as GraphQLFormattedError | undefined;
    log.warn(
      { subgraph: this.subgraph.name, status, message: first?.message },
      'subgraph answered with an HTTP error',
    );
    if (first?.message && first.extensions?.code) {
      return new GraphQLError(first.message, { extensions: first.extensions });
    }
    return new SubgraphCallError('SUBGRAPH_UNAVAILABLE', { status });
  }

  private notGraphQL(what: string, status?: number): SubgraphCallError {
    return new SubgraphCallError('SUBGRAPH_UNAVAILABLE', { status, answer: what });
  }

  /** What the client sees of a failure: GraphQL errors as they are, else the service named. */
  private clientError(error: unknown, log = this.log): GraphQLError {
    if (error instanceof GraphQLError) return error;
    const reason = error instanceof SubgraphCallError ? error.reason : 'SUBGRAPH_UNAVAILABLE';
    const detail = error instanceof SubgraphCallError ? error.detail : { err: error };
    log.warn(
      { ...detail, subgraph: this.subgraph.name, url: this.subgraph.url, reason },
      'subgraph call failed',
    );
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
