import type { GraphQLFormattedError } from 'graphql';
import type { Viewer } from '../subgraphs/shared/auth/viewer';
import { loadConfig, type CampusConfig } from '../subgraphs/shared/config';
import { demoUser } from '../subgraphs/shared/demo/catalog';
import { rootLogger, type Logger } from '../subgraphs/shared/logger';
import type { SubgraphService } from '../subgraphs/shared/server';

/** The configuration every test builds its services from: the test cluster, test secrets. */
export const testConfig = (): Promise<CampusConfig> => loadConfig(process.env);

export const testLog: Logger = rootLogger.child({ test: true });

/** A signed-in demo user as a subgraph would see them after verifying their token. */
export function demoViewer(key: string): Viewer {
  const user = demoUser(key);
  return {
    id: user.id,
    role: user.role,
    sessionId: `session-of-${key}`,
    tokenId: `token-of-${key}`,
  };
}

export interface Result<D> {
  data?: D | null;
  errors?: readonly GraphQLFormattedError[];
}

/** Runs an operation in-process against a started subgraph, as `viewer` (null: anonymous). */
export async function execute<D = Record<string, unknown>, L = unknown>(
  service: SubgraphService<L>,
  query: string,
  options: { variables?: Record<string, unknown>; viewer?: Viewer | null } = {},
): Promise<Result<D>> {
  const response = await service.apollo.executeOperation<D>(
    { query, variables: options.variables },
    { contextValue: service.contextFor(options.viewer ?? null) },
  );
  if (response.body.kind !== 'single') throw new Error('Expected a single result');
  return response.body.singleResult;
}

/** The `extensions.code` of each error, for terse assertions. */
export const errorCodes = (result: Result<unknown>): unknown[] =>
  (result.errors ?? []).map((e) => e.extensions?.code);

/** Polls `probe` until it returns non-null (then returns that), failing after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | null>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
