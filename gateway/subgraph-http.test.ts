import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { postToSubgraph, SubgraphDeadlineError } from './subgraph-http';

/** The gateway's POST to a subgraph against real sockets: the answer, the deadline, refusal. */
describe('postToSubgraph', () => {
  const agent = new Agent({ connections: 2 });
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/stall') return; // never answers
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const echoed = JSON.stringify({
          body: Buffer.concat(chunks).toString('utf8'),
          auth: req.headers.authorization ?? null,
        });
        res.statusCode = req.url?.startsWith('/teapot?') ? 418 : 200;
        // Two writes, so the answer arrives in more than one chunk.
        res.write(echoed.slice(0, 5));
        setTimeout(() => res.end(echoed.slice(5)), 5);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await agent.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('returns the whole answer and its status, with the headers and body sent', async () => {
    const answer = await postToSubgraph(
      agent,
      new URL(`${base}/teapot?x=1`),
      { authorization: 'Bearer t', 'content-type': 'application/json' },
      '{"query":"{ __typename }"}',
      1_000,
    );
    expect(answer.statusCode).toBe(418);
    expect(JSON.parse(answer.text)).toEqual({
      body: '{"query":"{ __typename }"}',
      auth: 'Bearer t',
    });
  });

  it('fails with a TimeoutError at the deadline when the subgraph never answers', async () => {
    const started = Date.now();
    const error = await postToSubgraph(agent, new URL(`${base}/stall`), {}, '{}', 150).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SubgraphDeadlineError);
    expect((error as Error).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('keeps the deadline for a request still queued behind busy connections', async () => {
    // Both connections are held by stalled requests; the third waits in the queue.
    const stalls = [1, 2].map(() =>
      postToSubgraph(agent, new URL(`${base}/stall`), {}, '{}', 400).catch((e: unknown) => e),
    );
    const queued = await postToSubgraph(agent, new URL(`${base}/`), {}, '{}', 100).catch(
      (e: unknown) => e,
    );
    expect(queued).toBeInstanceOf(SubgraphDeadlineError);
    await Promise.all(stalls);
  });

  it('rejects when nothing listens', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await postToSubgraph(
      agent,
      new URL(`http://127.0.0.1:${port}/graphql`),
      {},
      '{}',
      1_000,
    ).catch((e: unknown) => e);
    // undici's own error, from another realm under jest: checked by its shape.
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect((error as Error).name).not.toBe('TimeoutError');
  });
});
