import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { routes } from '../http/router';
import type { Logger } from '../logger';
import type { ServiceMetrics } from './metrics';
import { METRICS_PATH, sendMetrics } from './metrics-route';

export interface MetricsPort {
  /** The scrape URL (`http://localhost:<port>/metrics`). */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * METRICS_PORT: a small listener of its own serving `/metrics` of every service this
 * process runs (no token: the port is meant to stay off the public network), each series
 * with its `service` label. `services` is read at every scrape.
 */
export async function serveMetricsPort(
  port: number,
  services: () => readonly ServiceMetrics[],
  log: Logger,
): Promise<MetricsPort> {
  const server = http.createServer(
    routes(
      [
        {
          path: METRICS_PATH,
          method: 'GET',
          handle: (_req, res) => sendMetrics(res, services()),
        },
      ],
      log,
    ),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: actual } = server.address() as AddressInfo;
  const url = `http://localhost:${actual}${METRICS_PATH}`;
  log.info({ url }, 'metrics listening');
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** For callers that start nothing when METRICS_PORT is unset. */
export const serveMetricsPortIfSet = async (
  port: number | undefined,
  services: () => readonly ServiceMetrics[],
  log: Logger,
): Promise<MetricsPort | undefined> =>
  port === undefined ? undefined : serveMetricsPort(port, services, log);
