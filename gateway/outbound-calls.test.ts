import net from 'node:net';
import { postGraphQL, startSupergraph, type RunningSupergraph } from '../test/supergraph';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);

/**
 * The supergraph calls nothing outside the addresses it was given: in particular not
 * @apollo/gateway's data collection (cloud metadata probes, then metrics to Apollo),
 * which is on unless APOLLO_TELEMETRY_DISABLED is set (gateway/app.ts turns it off).
 */
describe('outbound connections', () => {
  const hosts: string[] = [];
  let supergraph: RunningSupergraph;
  const connect = net.Socket.prototype.connect;
  beforeAll(async () => {
    delete process.env.APOLLO_TELEMETRY_DISABLED;
    jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (
      this: net.Socket,
      ...args: unknown[]
    ) {
      const [first, second] = args;
      const host =
        typeof first === 'object' && first !== null && 'host' in first
          ? String((first as { host?: unknown }).host ?? 'localhost')
          : typeof first === 'object' && first !== null && 'path' in first
            ? 'unix'
            : typeof second === 'string'
              ? second
              : 'localhost';
      hosts.push(host);
      return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    });
    supergraph = await startSupergraph();
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await supergraph.stop();
  });

  it('reach only loopback addresses while the gateway starts and answers', async () => {
    const answer = await postGraphQL(supergraph.gatewayUrl, '{ __typename }');
    expect(answer.body).toEqual({ data: { __typename: 'Query' } });
    // The cloud detectors start when the gateway is built; give them time to try.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(hosts.length).toBeGreaterThan(0); // the spy sees the gateway's own calls
    expect(hosts.filter((h) => h !== 'unix' && !LOOPBACK.has(h))).toEqual([]);
  });
});
