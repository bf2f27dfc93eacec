import { TestQueueUpdatedIdsDocument } from '../clients/generated/graphql';
import { demoUser } from '../subgraphs/shared/demo/catalog';
import { eventually, testLog } from '../test/helpers';
import { startSupergraph, type RunningSupergraph } from '../test/supergraph';
import { subscribe, tokenFor, wsClient } from '../test/ws';
import { createGateway } from './app';

/**
 * A gateway that is told to stop (SIGTERM in main.ts and npm start) drains first: open
 * subscriptions get the "shutting down" error before their socket closes, and a request
 * arriving meanwhile gets a clean 503 in GraphQL form, not a reset connection.
 */
describe('gateway shutdown', () => {
  let supergraph: RunningSupergraph;
  beforeAll(async () => {
    supergraph = await startSupergraph();
  });
  afterAll(async () => supergraph?.stop());

  it('ends subscriptions with the shutting-down error, then answers 503 while draining', async () => {
    const gateway = createGateway(supergraph.config, testLog);
    await gateway.start();
    const url = await gateway.listen(0);
    const token = await tokenFor(supergraph.config, demoUser('admin'));
    const client = wsClient(url, { token });
    try {
      const sub = subscribe(client, TestQueueUpdatedIdsDocument);
      await eventually(async () =>
        gateway.subscriptionStats().upstreamSubscriptions > 0 ? true : null,
      );

      await gateway.drain();
      await sub.ended;
      expect(sub.results.at(-1)?.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/shutting down/) as string,
        extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'SHUTTING_DOWN' },
      });

      const during = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ me { id } }' }),
      });
      expect(during.status).toBe(503);
      expect(during.headers.get('retry-after')).toBe('1');
      expect(await during.json()).toEqual({
        errors: [
          {
            message: expect.stringMatching(/shutting down/) as string,
            extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'SHUTTING_DOWN' },
          },
        ],
      });
      const ready = await fetch(new URL('/ready', url));
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'draining' });
    } finally {
      await client.dispose();
      await gateway.stop();
    }
    // The upstream subscription it held on the support subgraph is gone too.
    expect(gateway.subscriptionStats().upstreamSockets).toBe(0);
  });
});
