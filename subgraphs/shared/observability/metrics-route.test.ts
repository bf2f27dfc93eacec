import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parsePrometheusText, samplesOf, sampleValue } from '../../../test/prometheus-text';
import { testConfig, testLog } from '../../../test/helpers';
import type { CampusConfig } from '../config';
import { routes } from '../http/router';
import { ServiceMetrics } from './metrics';
import { serveMetricsPort } from './metrics-port';
import { isBearerToken, metricsRoutes } from './metrics-route';

const TOKEN = 'metrics-token-of-the-test-0123456789';

/** A service port serving only metricsRoutes under `config`. */
async function servicePort(metrics: ServiceMetrics, config: CampusConfig) {
  const server = http.createServer(routes(metricsRoutes(metrics, config), testLog));
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('/metrics protection', () => {
  let base: CampusConfig;
  const closers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    base = await testConfig();
  });
  afterAll(async () => {
    await Promise.all(closers.map((close) => close()));
  });

  const configWith = (
    nodeEnv: CampusConfig['nodeEnv'],
    observability: Partial<CampusConfig['observability']>,
  ): CampusConfig => ({
    ...base,
    nodeEnv,
    production: nodeEnv === 'production',
    observability: { ...base.observability, metricsToken: undefined, ...observability },
  });

  const serve = async (config: CampusConfig) => {
    const metrics = new ServiceMetrics('auth', { processMetrics: false });
    metrics.counter({ name: 'campus_test_total', help: 'A test counter.' }).inc();
    const port = await servicePort(metrics, config);
    closers.push(port.close);
    return port.url;
  };

  it('is open in development and test without a token', async () => {
    for (const env of ['development', 'test'] as const) {
      const response = await fetch(await serve(configWith(env, {})));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const families = parsePrometheusText(await response.text());
      expect(sampleValue(families, 'campus_test_total', { service: 'auth' })).toBe(1);
    }
  });

  it('answers only the bearer token when one is set, 401 otherwise', async () => {
    for (const env of ['development', 'production'] as const) {
      const url = await serve(configWith(env, { metricsToken: TOKEN }));
      const without = await fetch(url);
      expect(without.status).toBe(401);
      expect(without.headers.get('www-authenticate')).toBe('Bearer');
      expect(await without.text()).not.toContain('campus_test_total');
      for (const wrong of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, TOKEN, 'Bearer ']) {
        expect((await fetch(url, { headers: { authorization: wrong } })).status).toBe(401);
      }
      const right = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(right.status).toBe(200);
      expect(await right.text()).toContain('campus_test_total');
    }
  });

  it('is not served on the service port in production without a token', async () => {
    const url = await serve(configWith('production', {}));
    expect((await fetch(url)).status).toBe(404);
  });

  it('compares tokens whatever their length', () => {
    expect(isBearerToken(TOKEN, `Bearer ${TOKEN}`)).toBe(true);
    expect(isBearerToken(TOKEN, `bearer ${TOKEN}`)).toBe(true);
    expect(isBearerToken(TOKEN, undefined)).toBe(false);
    expect(isBearerToken(TOKEN, `Bearer ${TOKEN}${TOKEN}`)).toBe(false);
  });

  it('serves every service of the process on METRICS_PORT, process metrics once', async () => {
    const gateway = new ServiceMetrics('gateway', { processMetrics: true });
    const auth = new ServiceMetrics('auth', { processMetrics: false });
    const users = new ServiceMetrics('users', { processMetrics: false });
    for (const [metrics, n] of [
      [gateway, 1],
      [auth, 2],
      [users, 3],
    ] as const) {
      metrics
        .counter({ name: 'campus_test_total', help: 'A test counter.', labelNames: ['kind'] })
        .inc({ kind: 'x' }, n);
      metrics
        .histogram({ name: 'campus_test_seconds', help: 'A test histogram.', buckets: [0.1, 1] })
        .observe(0.5);
    }
    const port = await serveMetricsPort(0, () => [gateway, auth, users], testLog);
    closers.push(port.close);
    // No token there, even with one set for the service ports.
    const response = await fetch(port.url);
    expect(response.status).toBe(200);
    const families = parsePrometheusText(await response.text());
    expect(sampleValue(families, 'campus_test_total', { service: 'gateway' })).toBe(1);
    expect(sampleValue(families, 'campus_test_total', { service: 'auth' })).toBe(2);
    expect(sampleValue(families, 'campus_test_total', { service: 'users' })).toBe(3);
    expect(samplesOf(families, 'campus_test_seconds_count')).toHaveLength(3);
    const cpu = samplesOf(families, 'campus_process_cpu_user_seconds_total');
    expect(cpu.map((s) => s.labels.service)).toEqual(['gateway']);
    expect(samplesOf(families, 'campus_process_start_time_seconds')).toHaveLength(1);
    expect((await fetch(port.url.replace('/metrics', '/graphql'))).status).toBe(404);
  });
});
