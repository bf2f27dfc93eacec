import type { Express } from 'express';

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
export function mountHealthRoutes(
  app: Express,
  state: {
    loaded: () => boolean;
    draining: () => boolean;
    subgraphs: () => ReadonlyMap<string, string>;
  },
): void {
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const subgraphs = [...state.subgraphs()];
    const results = await Promise.all(subgraphs.map(async ([, url]) => answers(url)));
    const status = Object.fromEntries(
      subgraphs.map(([name], i) => [name, results[i] ? 'ok' : 'down']),
    );
    const ready =
      state.loaded() && !state.draining() && subgraphs.length > 0 && results.every(Boolean);
    const summary = state.draining() ? 'draining' : ready ? 'ready' : 'unavailable';
    res.status(ready ? 200 : 503).json({ status: summary, subgraphs: status });
  });
}
