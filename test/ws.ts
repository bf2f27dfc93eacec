import type { DocumentNode } from 'graphql';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { operationInfo, type TypedDocumentNode, type VariablesArg } from '../clients/campus-client';
import { AccessTokenSigner } from '../subgraphs/shared/auth/tokens';
import type { Role } from '../subgraphs/shared/auth/viewer';
import type { CampusConfig } from '../subgraphs/shared/config';

/** `http://host/graphql` → `ws://host/graphql`. */
export const wsUrl = (httpUrl: string): string => httpUrl.replace(/^http/, 'ws');

/** A real access token for a user (signed with the test keys), as auth would issue it. */
export async function tokenFor(
  config: CampusConfig,
  user: { id: string; role: Role },
  sessionId = crypto.randomUUID(),
): Promise<string> {
  const { token } = await new AccessTokenSigner(config.jwt).sign({
    userId: user.id,
    role: user.role,
    sessionId,
  });
  return token;
}

/**
 * A graphql-ws client. Against a subgraph pass `gatewaySecret` (only the gateway may
 * connect there); against the gateway pass only the token. No retries: tests see failures.
 */
export function wsClient(
  url: string,
  options: { token?: string; gatewaySecret?: string } = {},
): Client {
  return createClient({
    url: wsUrl(url),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.gatewaySecret ? { gatewaySecret: options.gatewaySecret } : {}),
    },
  });
}

export interface Subscription<D> {
  /** Every result received so far, in order. */
  readonly results: FormattedExecutionResult<D, unknown>[];
  /** Resolves once `count` results have arrived (rejects after `timeoutMs`). */
  next(count: number, timeoutMs?: number): Promise<FormattedExecutionResult<D, unknown>[]>;
  /** Resolves when the server completes or errors the subscription. */
  readonly ended: Promise<{ error?: unknown }>;
  /** Ends it from the client side. */
  stop(): void;
}

/**
 * Subscribes and records everything the server sends. Pass a generated document
 * (clients/generated): its variables and results are typed, and it goes out as a client
 * sends it (the manifest's text and the operation's name).
 */
export function subscribe<R, V extends Record<string, unknown>>(
  client: Client,
  document: TypedDocumentNode<R, V>,
  ...variables: VariablesArg<V>
): Subscription<R>;
/**
 * Raw text, for what no client keeps as an operation: documents against one subgraph's own
 * schema, documents built at run time, deliberately malformed or invalid ones.
 */
export function subscribe<D = Record<string, unknown>>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Subscription<D>;
export function subscribe<D>(
  client: Client,
  document: string | DocumentNode,
  variables: Record<string, unknown> = {},
): Subscription<D> {
  const payload =
    typeof document === 'string'
      ? { query: document, variables }
      : {
          query: operationInfo(document).query,
          operationName: operationInfo(document).name,
          variables,
        };
  const results: FormattedExecutionResult<D, unknown>[] = [];
  const waiters = new Set<() => void>();
  let resolveEnded: (value: { error?: unknown }) => void = () => undefined;
  const ended = new Promise<{ error?: unknown }>((resolve) => (resolveEnded = resolve));
  const notify = () => waiters.forEach((w) => w());
  const stop = client.subscribe<D>(payload, {
    next: (result) => {
      results.push(result);
      notify();
    },
    error: (error) => {
      resolveEnded({ error });
      notify();
    },
    complete: () => {
      resolveEnded({});
      notify();
    },
  });
  return {
    results,
    ended,
    stop,
    next(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (results.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(results.slice(0, count));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} results, got ${results.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
