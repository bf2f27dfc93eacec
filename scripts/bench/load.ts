import autocannon from 'autocannon';
import type { BenchOperation } from './operations';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
}

/**
 * One closed-loop run with autocannon: `connections` virtual users, each with its own token
 * (given out in turn as connections start), for `seconds`.
 */
export async function runLoad(options: {
  url: string;
  operation: BenchOperation;
  tokens: readonly string[];
  connections: number;
  seconds: number;
}): Promise<LoadResult> {
  let nextToken = 0;
  let nextRequest = 0;
  const { operation, tokens } = options;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request, context) => {
          const own = context as { token?: string };
          own.token ??= tokens[nextToken++ % tokens.length];
          nextRequest += 1;
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${own.token ?? ''}`,
            },
            body: JSON.stringify({ query: operation.query(nextRequest) }),
          };
        },
      },
    ],
  });
  return {
    // Completed requests over the run's real duration (autocannon's per-second average
    // reads 0 for a one-second run).
    requestsPerSecond:
      result.duration > 0 ? result.requests.total / result.duration : result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
}
