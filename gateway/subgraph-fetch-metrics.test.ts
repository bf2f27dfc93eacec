import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { ServiceMetrics } from '../subgraphs/shared/observability/metrics';
import { subgraphFetchMetrics } from '../subgraphs/shared/observability/metrics-subgraph-fetch';
import { parsePrometheusText, sampleValue } from '../test/prometheus-text';
import { testLog } from '../test/helpers';
import { CampusSubgraphDataSource } from './subgraph-data-source';

/** A subgraph stand-in answering each request as `answer` says. */
async function fakeSubgraph(answer: (res: http.ServerResponse) => void) {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('subgraph fetch metrics', () => {
  it('counts fetches by outcome: ok, error, and timeout past the deadline', async () => {
    const metrics = new ServiceMetrics('gateway', { processMetrics: false });
    const fetches = subgraphFetchMetrics(metrics);
    const ok = await fakeSubgraph((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { __typename: 'Query' } }));
    });
    const failing = await fakeSubgraph((res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>bad gateway</html>');
    });
    const hanging = await fakeSubgraph(() => undefined);
    const call = (name: string, url: string) =>
      new CampusSubgraphDataSource({ name, url }, 'secret', 300, testLog, fetches).process({
        kind: GraphQLDataSourceRequestKind.HEALTH_CHECK,
        request: { query: '{ __typename }' },
        context: {},
      });
    try {
      await call('users', ok.url);
      await call('users', ok.url);
      await expect(call('course', failing.url)).rejects.toThrow(/unavailable/);
      await expect(call('booking', hanging.url)).rejects.toThrow(/did not answer within 300 ms/);
    } finally {
      await Promise.all([ok.close(), failing.close(), hanging.close()]);
    }
    const families = parsePrometheusText(await metrics.registry.metrics());
    const count = (subgraph: string, outcome: string) =>
      sampleValue(families, 'campus_subgraph_fetches_total', { subgraph, outcome });
    expect(count('users', 'ok')).toBe(2);
    expect(count('course', 'error')).toBe(1);
    expect(count('booking', 'timeout')).toBe(1);
    expect(count('booking', 'error')).toBe(0);
    const timed = (subgraph: string) =>
      sampleValue(families, 'campus_subgraph_fetch_duration_seconds_count', { subgraph });
    expect([timed('users'), timed('course'), timed('booking')]).toEqual([2, 1, 1]);
    const slowest = sampleValue(families, 'campus_subgraph_fetch_duration_seconds_sum', {
      subgraph: 'booking',
    });
    expect(slowest).toBeGreaterThanOrEqual(0.29);
  });
});
