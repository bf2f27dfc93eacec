import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { CampusConfig } from '../config';
import { sendGraphQLError } from '../http/respond';
import type { Route } from '../http/router';
import type { ServiceMetrics } from './metrics';
import { METRICS_CONTENT_TYPE, metricsText } from './metrics-text';

export const METRICS_PATH = '/metrics';

/** Constant time whatever the lengths: both sides are hashed to the same size first. */
export function isBearerToken(expected: string, authorization: string | undefined): boolean {
  const match = /^Bearer (.+)$/i.exec(authorization ?? '');
  const digest = (value: string) => createHash('sha256').update(value).digest();
  const equal = timingSafeEqual(digest(match?.[1] ?? ''), digest(expected));
  return match !== null && equal;
}

/** Writes the Prometheus text of `sources`. */
export async function sendMetrics(
  res: ServerResponse,
  sources: readonly ServiceMetrics[],
): Promise<void> {
  const text = await metricsText(sources);
  res.writeHead(200, {
    'content-type': METRICS_CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

/**
 * `/metrics` on a service's own port (gateway and subgraphs), as `config.observability`
 * says: with METRICS_TOKEN, only for `Authorization: Bearer <token>` (401 otherwise); in
 * production without one, not at all (the router's 404; METRICS_PORT serves it instead);
 * in development and test, open.
 */
export function metricsRoutes(metrics: ServiceMetrics, config: CampusConfig): Route[] {
  const token = config.observability.metricsToken;
  if (!token && config.production) return [];
  return [
    {
      path: METRICS_PATH,
      method: 'GET',
      handle: async (req, res) => {
        if (token && !isBearerToken(token, req.headers.authorization)) {
          return sendGraphQLError(
            res,
            401,
            'Metrics need the metrics token.',
            { code: 'UNAUTHENTICATED' },
            { 'www-authenticate': 'Bearer' },
          );
        }
        await sendMetrics(res, [metrics]);
      },
    },
  ];
}
