import type { IncomingMessage } from 'node:http';
import { startSupergraph, postGraphQL, type RunningSupergraph } from '../test/supergraph';
import { FetchBatcher, type SubgraphOperation } from './fetch-batching';

describe('FetchBatcher (pure)', () => {
  const op = (name: string): SubgraphOperation => ({ query: `{ ${name} }` });

  it('sends what one request queues in one turn together, and answers each in order', async () => {
    const sent: string[][] = [];
    const batcher = new FetchBatcher<object, string>(async (operations) => {
      sent.push(operations.map((o) => o.query));
      return operations.map((o) => `answer to ${o.query}`);
    });
    const request = {};
    const other = {};
    const answers = await Promise.all([
      batcher.enqueue(request, op('a')),
      batcher.enqueue(request, op('b')),
      batcher.enqueue(other, op('c')),
    ]);
    expect(answers).toEqual(['answer to { a }', 'answer to { b }', 'answer to { c }']);
    expect(sent).toEqual([['{ a }', '{ b }'], ['{ c }']]);

    // A later turn is a new batch.
    await batcher.enqueue(request, op('d'));
    expect(sent.at(-1)).toEqual(['{ d }']);
  });

  it('fails every operation of a batch whose call failed, or whose answer is short', async () => {
    const failing = new FetchBatcher<object, string>(() => Promise.reject(new Error('down')));
    const key = {};
    const results = await Promise.allSettled([
      failing.enqueue(key, op('a')),
      failing.enqueue(key, op('b')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);

    const short = new FetchBatcher<object, string>(async () => ['only one']);
    const halves = await Promise.allSettled([
      short.enqueue(key, op('a')),
      short.enqueue(key, op('b')),
    ]);
    expect(halves.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
  });
});

describe('fetch batching through the gateway', () => {
  let supergraph: RunningSupergraph;
  const calls = new Map<string, number>();

  beforeAll(async () => {
    supergraph = await startSupergraph();
    for (const subgraph of supergraph.subgraphs) {
      subgraph.httpServer.on('request', (req: IncomingMessage) => {
        if (req.method === 'POST' && req.url?.startsWith('/graphql')) {
          calls.set(subgraph.name, (calls.get(subgraph.name) ?? 0) + 1);
        }
      });
    }
  }, 120_000);
  afterAll(() => supergraph.stop());

  it('sends the parallel fetches of the dashboard plan to one subgraph as one call', async () => {
    const login = await postGraphQL<{ logIn: { accessToken: string } }>(
      supergraph.gatewayUrl,
      'mutation { logIn(email: "student1@campus.test", password: "campus-demo") { accessToken } }',
    );
    const token = login.body.data?.logIn.accessToken ?? '';
    calls.clear();
    // The plan has nine fetches: course twice in parallel (enrollments' and bookings'
    // courses) and users four times, two of them in parallel (assignees and senders).
    const { body } = await postGraphQL<{
      me: {
        enrollments: { course: { title: string; instructor: { name: string } } }[];
        bookings: { course: { title: string } }[];
        supportSessions: {
          assignee: { name: string } | null;
          messages: { sender: { name: string } }[];
        }[];
      };
    }>(
      supergraph.gatewayUrl,
      `query StudentDashboard { me { email name
        enrollments { status course { title instructor { name } } }
        bookings { status course { title seatsLeft } }
        supportSessions { subject assignee { name } messages { body sender { name } } } } }`,
      { token },
    );
    expect(body.errors).toBeUndefined();
    const me = body.data?.me;
    expect(me?.enrollments.length).toBeGreaterThan(0);
    expect(me?.bookings.length).toBeGreaterThan(0);
    expect(me?.supportSessions.some((s) => s.assignee && s.messages.length > 0)).toBe(true);
    expect(me?.enrollments.every((e) => e.course.instructor.name.length > 0)).toBe(true);
    expect(me?.supportSessions.flatMap((s) => s.messages).every((m) => m.sender.name)).toBe(true);
    expect(Object.fromEntries(calls)).toEqual({
      auth: 1,
      support: 1,
      booking: 1,
      course: 1,
      users: 3,
    });
  });
});
