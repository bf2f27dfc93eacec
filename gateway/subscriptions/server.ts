import type http from 'node:http';
import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServer } from '@apollo/server';
import {
  GraphQLError,
  parse,
  print,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
  type ValidationRule,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { RevocationList } from '../../subgraphs/shared/auth/revocations';
import type { AccessTokenVerifier } from '../../subgraphs/shared/auth/tokens';
import { viewerFromAuthorization } from '../../subgraphs/shared/auth/viewer-from-header';
import type { Logger } from '../../subgraphs/shared/logger';
import { shapeErrors, type ErrorShapingOptions } from '../error-shaping';
import { PARSE_OPTIONS, REQUEST_LIMITS, checkVariables } from '../limits';
import { documentError, type PersistedDocuments } from '../persisted-documents';
import type { GatewayContext } from '../viewer';
import { planSubscription, type SubscriptionPlan } from './operation-plan';
import {
  SharedSubscription,
  toGraphQLErrors,
  type SubscriptionListener,
} from './shared-subscription';
import { ListenerQueue } from './listener-queue';
import { ROLE_SCOPE, sharingScope } from './sharing-scope';
import { subscriptionOwners } from './subscription-owners';
import { UpstreamPool } from './upstream-pool';
import { untilDone } from './until-done';
import { watchConnection } from './connection-watch';

export interface GatewaySubscriptions {
  stats(): {
    /** Open graphql-ws sockets of clients. */
    clientSockets: number;
    clientSubscriptions: number;
    sharedSubscriptions: number;
    upstreamSockets: number;
    upstreamSubscriptions: number;
  };
  /** The gateway swapped its schema: routes are re-read, open subscriptions end with why. */
  supergraphChanged(supergraphSdl: string): void;
  dispose(): Promise<void>;
}

/** Events one subscriber may have waiting for its socket before it is dropped. */
export const MAX_UNSENT_EVENTS = 256;

const tooSlow = () =>
  new GraphQLError(
    'Events arrived faster than this connection took them. Subscribe again (with `after` where the field has it) to resume.',
    { extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'SLOW_CONSUMER' } },
  );

interface ConnectionParams extends Record<string, unknown> {
  authorization?: string;
}

/**
 * graphql-ws on the gateway's own HTTP server and path (/graphql), so clients speak to
 * port 4000 only. @apollo/gateway cannot execute subscriptions, so this does what Apollo
 * Router and Hive Gateway do: the owning subgraph runs the subscription (over graphql-ws,
 * with the client's token), and each event is completed by a query through the supergraph
 * for the fields other subgraphs own. Clients whose answers are the same share one
 * upstream subscription (sharing-scope.ts).
 */
export function serveGatewaySubscriptions(deps: {
  httpServer: http.Server;
  path: string;
  apollo: ApolloServer<GatewayContext>;
  gateway: ApolloGateway;
  supergraphSdl: string;
  subgraphUrls: ReadonlyMap<string, string>;
  verifier: AccessTokenVerifier;
  revocations: RevocationList;
  gatewaySecret: string;
  validationRules: readonly ValidationRule[];
  /** Persisted and trusted documents: the same resolution as HTTP requests. */
  documents: PersistedDocuments;
  /** The deadline for an upstream socket's handshake. */
  subgraphTimeoutMs: number;
  /** The same shaping as HTTP responses. */
  shaping: ErrorShapingOptions;
  log: Logger;
}): GatewaySubscriptions {
  const { apollo, gateway, log } = deps;
  let owners = subscriptionOwners(deps.supergraphSdl);
  const pool = new UpstreamPool(deps.gatewaySecret, deps.subgraphTimeoutMs, log);
  const active = new Set<SharedSubscription>();
  const shareable = new Map<string, SharedSubscription>();
  let clientSubscriptions = 0;

  /** Runs an operation through the supergraph, as an HTTP request with this context would. */
  const runThroughGateway = async (
    request: { query: string; variables: Record<string, unknown>; operationName?: string },
    context: GatewayContext,
  ): Promise<ExecutionResult> => {
    const response = await apollo.executeOperation(request, { contextValue: context });
    if (response.body.kind !== 'single') throw new Error('Expected a single result');
    const { data, errors } = response.body.singleResult;
    return {
      data: (data as Record<string, unknown> | null | undefined) ?? null,
      ...(errors ? { errors: toGraphQLErrors(errors) } : {}),
    };
  };

  const open = (plan: SubscriptionPlan, byRole: boolean): SharedSubscription => {
    const url = deps.subgraphUrls.get(plan.subgraph);
    if (!url) throw new GraphQLError(`The ${plan.subgraph} subgraph has no URL.`);
    const shared = new SharedSubscription(
      plan,
      (id, context) =>
        runThroughGateway(
          { query: plan.refetch.query, variables: plan.refetch.variables(id) },
          context,
        ),
      (context, operation, sink) => pool.subscribe(url, context.authorization, operation, sink),
      byRole,
      (finished) => {
        active.delete(finished);
        for (const [key, value] of shareable) if (value === finished) shareable.delete(key);
      },
      log,
    );
    active.add(shared);
    return shared;
  };

  const subscribe = (args: ExecutionArgs): AsyncIterable<ExecutionResult> | ExecutionResult => {
    const context = args.contextValue as GatewayContext;
    const variables = (args.variableValues ?? {}) as Record<string, unknown>;
    let plan: SubscriptionPlan;
    try {
      plan = planSubscription(args.schema, owners, args.document, args.operationName, variables);
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [error] };
      throw error;
    }
    // Clients whose answers are the same share one upstream subscription and one
    // completion per event (sharing-scope.ts).
    const scope = sharingScope(plan, context, args.document);
    const key =
      scope === undefined
        ? undefined
        : JSON.stringify([scope, print(args.document), args.operationName ?? null, variables]);
    let shared = key ? shareable.get(key) : undefined;
    if (!shared || shared.ended) {
      try {
        shared = open(plan, scope === ROLE_SCOPE);
      } catch (error) {
        if (error instanceof GraphQLError) return { errors: [error] };
        throw error;
      }
      if (key) shareable.set(key, shared);
    }
    const source = shared;
    clientSubscriptions += 1;
    const listener: SubscriptionListener = {
      context,
      push: (result) => events.push(result),
      end: () => events.end(),
    };
    const events = new ListenerQueue<ExecutionResult>(
      () => {
        clientSubscriptions -= 1;
        source.remove(listener);
      },
      { limit: MAX_UNSENT_EVENTS, last: () => ({ errors: [tooSlow()] }) },
    );
    source.add(listener);
    return delivered(events);
  };

  // Subscriptions whose last message graphql-ws has not yet written to the socket: a
  // shutdown waits for them, so the "shutting down" error reaches the client first.
  let undelivered = 0;
  let allDelivered: (() => void) | undefined;
  const delivered = (events: AsyncIterableIterator<ExecutionResult>) => {
    undelivered += 1;
    return untilDone(events, () => {
      undelivered -= 1;
      if (undelivered === 0) allDelivered?.();
    });
  };
  const flushed = (timeoutMs: number) =>
    undelivered === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          allDelivered = resolve;
          setTimeout(resolve, timeoutMs).unref();
        });

  const shape = (errors: readonly (GraphQLError | GraphQLFormattedError)[]) =>
    shapeErrors(
      errors.map((e) => (e instanceof GraphQLError ? e.toJSON() : e)),
      deps.shaping,
    );
  const withCode = (error: GraphQLError, code: string) =>
    new GraphQLError(error.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      extensions: { ...error.extensions, code },
    });

  // Queries and mutations sent over the socket run like HTTP ones.
  const execute = (args: ExecutionArgs): Promise<ExecutionResult> =>
    runThroughGateway(
      {
        query: print(args.document),
        variables: (args.variableValues ?? {}) as Record<string, unknown>,
        operationName: args.operationName ?? undefined,
      },
      args.contextValue as GatewayContext,
    );

  // Frames are bounded like HTTP bodies (ws would accept 100 MiB by default).
  const wsServer = new WebSocketServer({
    server: deps.httpServer,
    path: deps.path,
    maxPayload: REQUEST_LIMITS.bodyBytes,
  });
  const cleanup = useServer<ConnectionParams, { context: GatewayContext }>(
    {
      onConnect: async (ctx) => {
        // The contract names `authorization`; Sandbox and other tools send their headers as
        // connection params, often as `Authorization`.
        const params = ctx.connectionParams ?? {};
        const found = Object.entries(params).find(([k]) => k.toLowerCase() === 'authorization');
        const authorization = typeof found?.[1] === 'string' ? found[1] : undefined;
        let viewer;
        try {
          viewer = await viewerFromAuthorization(deps.verifier, deps.revocations, authorization);
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
        const { request, socket } = ctx.extra;
        const client = {
          ip: request.socket.remoteAddress,
          userAgent: request.headers['user-agent'],
        };
        ctx.extra.context = viewer ? { viewer, authorization, client } : { viewer: null, client };
        if (viewer && authorization) {
          watchConnection(socket, authorization, deps.verifier, deps.revocations, log);
        }
        return true;
      },
      // Every limit of HTTP, in the same order: shape of variables before anything reads
      // them, the persisted document in place of its hash (or the refusal of an untrusted
      // one), tokens while parsing, then depth, cost, aliases and directives.
      onSubscribe: async (ctx, _id, payload) => {
        const schema = gateway.schema;
        if (!schema) return [new GraphQLError('The gateway is not ready yet.')];
        const refused = checkVariables(payload.variables) ?? checkVariables(payload.extensions);
        if (refused) return [refused];
        const resolved = await deps.documents.resolveDocument(payload);
        if ('refused' in resolved) return [documentError(resolved.refused)];
        let document;
        try {
          document = parse(String(resolved.query ?? ''), PARSE_OPTIONS);
        } catch (error) {
          if (error instanceof GraphQLError) return [withCode(error, 'GRAPHQL_PARSE_FAILED')];
          throw error;
        }
        const errors = validate(schema, document, [...specifiedRules, ...deps.validationRules], {
          maxErrors: REQUEST_LIMITS.errors.count,
        });
        if (errors.length > 0) return errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
        return {
          schema,
          document,
          variableValues: payload.variables ?? {},
          operationName: payload.operationName ?? undefined,
          contextValue: ctx.extra.context ?? { viewer: null, client: {} },
        };
      },
      execute,
      subscribe,
      onError: (_ctx, _id, _payload, errors) => shape(errors),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: shape(result.errors) } : undefined,
    },
    wsServer,
    12_000,
  );

  let disposed: Promise<void> | undefined;
  return {
    stats() {
      const upstream = pool.stats();
      return {
        clientSockets: wsServer.clients.size,
        clientSubscriptions,
        sharedSubscriptions: active.size,
        upstreamSockets: upstream.sockets,
        upstreamSubscriptions: upstream.subscriptions,
      };
    },
    supergraphChanged(supergraphSdl) {
      owners = subscriptionOwners(supergraphSdl);
      for (const shared of [...active]) {
        shared.interrupt(
          'The supergraph changed. Subscribe again (with `after` where the field has it) to resume.',
        );
      }
    },
    dispose() {
      disposed ??= (async () => {
        for (const shared of [...active]) {
          shared.interrupt(
            'The gateway is shutting down. Subscribe again in a moment.',
            'SHUTTING_DOWN',
          );
        }
        await flushed(2_000);
        await cleanup.dispose();
        await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      })();
      return disposed;
    },
  };
}
