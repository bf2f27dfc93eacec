import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { demoUser } from '../subgraphs/shared/demo/catalog';
import { testLog } from '../test/helpers';
import { createCampusClient } from '../clients/campus-client';
import {
  DeadlinesCoursesWithInstructorsDocument,
  DeadlinesCoursesWithViewerBookingDocument,
  TestQueueUpdatedIdsDocument,
} from '../clients/generated/graphql';
import { startSupergraph, type RunningSupergraph } from '../test/supergraph';
import { subscribe, tokenFor, wsClient } from '../test/ws';
import { createGateway, type CampusGateway } from './app';

/**
 * A subgraph that accepts connections and never answers (HTTP or WebSocket upgrade), as a
 * process stopped with SIGSTOP does, and one that refuses connections. The gateway keeps
 * its deadline, returns the other subgraphs' data with an error naming the service, and
 * /ready says which one is down, promptly.
 */
const TIMEOUT_MS = 400;

async function stalledServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(() => undefined);
  // Upgraded sockets leave the server's books, so they are kept here to be destroyed.
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => sockets.add(socket));
  server.on('upgrade', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/graphql`;
}

describe('subgraph deadlines', () => {
  let supergraph: RunningSupergraph;
  let stalled: Awaited<ReturnType<typeof stalledServer>>;
  let gateway: CampusGateway;
  let url: string;
  beforeAll(async () => {
    supergraph = await startSupergraph();
    stalled = await stalledServer();
    gateway = createGateway(
      {
        ...supergraph.config,
        subgraphTimeoutMs: TIMEOUT_MS,
        subgraphUrlOverrides: {
          ...supergraph.config.subgraphUrlOverrides,
          USERS: stalled.url,
          SUPPORT: stalled.url,
          BOOKING: await closedPortUrl(),
        },
      },
      testLog,
    );
    await gateway.start();
    url = await gateway.listen(0);
  });
  afterAll(async () => {
    await gateway?.stop();
    await stalled?.close();
    await supergraph?.stop();
  });

  const client = () => createCampusClient({ url });

  it('a stalled subgraph yields the others’ data and an error naming it', async () => {
    const body = await client().execute(DeadlinesCoursesWithInstructorsDocument);
    expect(body.status).toBe(200);
    const nodes = body.data?.courses.edges.map((e) => e.node) ?? [];
    expect(nodes).toHaveLength(3);
    expect(nodes.every((n) => n.title.length > 0 && n.instructor === null)).toBe(true);
    expect(body.errors?.[0]).toMatchObject({
      message: `The users service did not answer within ${TIMEOUT_MS} ms.`,
      extensions: { code: 'INTERNAL_SERVER_ERROR', service: 'users', reason: 'SUBGRAPH_TIMEOUT' },
    });
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|http:\/\//);
  });

  it('a subgraph that refuses connections is named as unavailable', async () => {
    const body = await client().execute(DeadlinesCoursesWithViewerBookingDocument);
    expect(body.data).toMatchObject({ courses: { totalCount: expect.any(Number) as number } });
    expect(body.errors?.[0]).toMatchObject({
      message: 'The booking service is unavailable.',
      extensions: {
        code: 'INTERNAL_SERVER_ERROR',
        service: 'booking',
        reason: 'SUBGRAPH_UNAVAILABLE',
      },
    });
  });

  it('/ready answers promptly and says which subgraphs are down', async () => {
    const response = await fetch(new URL('/ready', url));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'unavailable',
      subgraphs: { auth: 'ok', users: 'down', course: 'ok', booking: 'down', support: 'down' },
    });
  });

  it('a subscription to a stalled subgraph ends with an error instead of hanging', async () => {
    const token = await tokenFor(supergraph.config, demoUser('admin'));
    const client = wsClient(url, { token });
    try {
      const sub = subscribe(client, TestQueueUpdatedIdsDocument);
      await sub.ended;
      const errors = sub.results[0]?.errors ?? [];
      expect(errors[0]?.message).toMatch(/support subgraph went away/);
      expect(errors[0]?.extensions?.reason).toBe('SUBSCRIPTION_INTERRUPTED');
    } finally {
      await client.dispose();
    }
  });
});
