import { sendJson } from '../subgraphs/shared/http/respond';
import type { Route } from '../subgraphs/shared/http/router';

/** /ready answers within this bound even when a subgraph hangs (it is then "down"). */
const HEALTH_CHECK_TIMEOUT_MS = 1_000;

/** The `/health` URL of a subgraph from its GraphQL URL. */
export const healthUrlOf = (graphqlUrl: string): string =>
  new URL('/health', graphqlUrl).toString();

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(healthUrlOf(url), {
      signal: AbortSignal.timeout(HEALTH_CHECK_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * `/health`: the process is up (liveness). `/ready`: the supergraph is loaded, the gateway
 * is not draining, and every subgraph answers its own health check within a second
 * (readiness: route traffic here); the body says which subgraph is down.
 */
export function healthRoutes(state: {
  loaded: () => boolean;
  draining: () => boolean;
  subgraphs: () => ReadonlyMap<string, string>;
}): Route[] {
  const ready: Route['handle'] = async (_req, res) => {
    const subgraphs = [...state.subgraphs()];
    const results = await Promise.all(subgraphs.map(async ([, url]) => answers(url)));
    const status = Object.fromEntries(
      subgraphs.map(([name], i) => [name, results[i] ? 'ok' : 'down']),
    );
    const isReady =
      state.loaded() && !state.draining() && subgraphs.length > 0 && results.every(Boolean);
    const summary = state.draining() ? 'draining' : isReady ? 'ready' : 'unavailable';
    sendJson(res, isReady ? 200 : 503, { status: summary, subgraphs: status });
  };
  return [
    { path: '/health', method: 'GET', handle: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    { path: '/ready', method: 'GET', handle: ready },
  ];
}
