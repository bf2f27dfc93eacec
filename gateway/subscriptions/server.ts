import type http from 'node:http';
import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServer } from '@apollo/server';
import { Repeater } from '@repeaterjs/repeater';
import {
  GraphQLError,
  parse,
  print,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type ExecutionResult,
  type ValidationRule,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { RevocationList } from '../../subgraphs/shared/auth/revocations';
import type { AccessTokenVerifier } from '../../subgraphs/shared/auth/tokens';
import { viewerFromAuthorization } from '../../subgraphs/shared/auth/viewer-from-header';
import type { Logger } from '../../subgraphs/shared/logger';
import type { GatewayContext } from '../viewer';
import { planSubscription, type SubscriptionPlan } from './operation-plan';
import {
  SharedSubscription,
  toGraphQLErrors,
  type SubscriptionListener,
} from './shared-subscription';
import { subscriptionOwners } from './subscription-owners';
import { UpstreamPool } from './upstream-pool';
import { watchConnection } from './connection-watch';

export interface GatewaySubscriptions {
  stats(): {
    clientSubscriptions: number;
    sharedSubscriptions: number;
    upstreamSockets: number;
    upstreamSubscriptions: number;
  };
  /** The gateway swapped its schema: routes are re-read, open subscriptions end with why. */
  supergraphChanged(supergraphSdl: string): void;
  dispose(): Promise<void>;
}

interface ConnectionParams extends Record<string, unknown> {
  authorization?: string;
}

/**
 * graphql-ws on the gateway's own HTTP server and path (/graphql), so clients speak to
 * port 4000 only. @apollo/gateway cannot execute subscriptions, so this does what Apollo
 * Router and Hive Gateway do: the owning subgraph runs the subscription (over graphql-ws,
 * with the client's token), and each event is completed by a query through the supergraph
 * for the fields other subgraphs own. Clients with the same viewer and operation share one
 * upstream subscription.
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
  log: Logger;
}): GatewaySubscriptions {
  const { apollo, gateway, log } = deps;
  let owners = subscriptionOwners(deps.supergraphSdl);
  const pool = new UpstreamPool(deps.gatewaySecret, log);
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

  const open = (plan: SubscriptionPlan, context: GatewayContext): SharedSubscription => {
    const url = deps.subgraphUrls.get(plan.subgraph);
    if (!url) throw new GraphQLError(`The ${plan.subgraph} subgraph has no URL.`);
    const shared = new SharedSubscription(
      plan,
      (id) =>
        runThroughGateway(
          { query: plan.refetch.query, variables: plan.refetch.variables(id) },
          context,
        ),
      (finished) => {
        active.delete(finished);
        for (const [key, value] of shareable) if (value === finished) shareable.delete(key);
      },
      log,
    );
    active.add(shared);
    shared.start((sink) => pool.subscribe(url, context.authorization, plan.upstream, sink));
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
    // Same viewer, same operation and variables: the same events and the same answers.
    const key = plan.shareable
      ? JSON.stringify([
          context.viewer?.id ?? null,
          context.viewer?.role ?? null,
          print(args.document),
          args.operationName ?? null,
          variables,
        ])
      : undefined;
    let shared = key ? shareable.get(key) : undefined;
    if (!shared || shared.ended) {
      try {
        shared = open(plan, context);
      } catch (error) {
        if (error instanceof GraphQLError) return { errors: [error] };
        throw error;
      }
      if (key) shareable.set(key, shared);
    }
    const source = shared;
    return new Repeater<ExecutionResult>(async (push, stop) => {
      const listener: SubscriptionListener = { push: (r) => void push(r), end: () => stop() };
      clientSubscriptions += 1;
      source.add(listener);
      await stop;
      clientSubscriptions -= 1;
      source.remove(listener);
    });
  };

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

  const wsServer = new WebSocketServer({ server: deps.httpServer, path: deps.path });
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
      onSubscribe: (ctx, _id, payload) => {
        const schema = gateway.schema;
        if (!schema) return [new GraphQLError('The gateway is not ready yet.')];
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error as GraphQLError];
        }
        const errors = validate(schema, document, [...specifiedRules, ...deps.validationRules]);
        if (errors.length > 0) return errors;
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
    },
    wsServer,
    12_000,
  );

  return {
    stats() {
      const upstream = pool.stats();
      return {
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
    async dispose() {
      for (const shared of [...active]) shared.interrupt('The gateway is shutting down.');
      await cleanup.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
