import type { Express } from 'express';

const SUBGRAPH_TIMEOUT_MS = 2_000;

/** The `/health` URL of a subgraph from its GraphQL URL. */
export const healthUrlOf = (graphqlUrl: string): string =>
  new URL('/health', graphqlUrl).toString();

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(healthUrlOf(url), {
      signal: AbortSignal.timeout(SUBGRAPH_TIMEOUT_MS),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * `/health`: the process is up (liveness). `/ready`: the supergraph is loaded and every
 * subgraph answers its own health check (readiness: route traffic here).
 */
export function mountHealthRoutes(
  app: Express,
  state: { loaded: () => boolean; subgraphs: () => ReadonlyMap<string, string> },
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
    const ready = state.loaded() && subgraphs.length > 0 && results.every(Boolean);
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'unavailable', subgraphs: status });
  });
}
