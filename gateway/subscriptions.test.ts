import { randomUUID } from 'node:crypto';
import { appendFileSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from 'graphql-ws';
import { createCampusClient, type ResultOf } from '../clients/campus-client';
import {
  FlowRegisterDocument,
  LogInDocument,
  LogOutDocument,
  SignUpDocument,
  SubscriptionsBookingUpdatedDocument,
  SubscriptionsCourseDocument,
  SubscriptionsMessageAddedDocument,
  SubscriptionsViewerSpecificMessageAddedDocument,
  TestCancelBookingDocument,
  TestOpenSupportSessionDocument,
  TestSendSupportMessageDocument,
} from '../clients/generated/graphql';
import { DEMO_PASSWORD } from '../subgraphs/shared/demo/catalog';
import { eventually, testLog } from '../test/helpers';
import { createGateway } from './app';
import { startSupergraph, type RunningSupergraph } from '../test/supergraph';
import { subscribe, wsClient, type Subscription } from '../test/ws';

/**
 * Subscriptions as a chat client sees them: graphql-ws to the gateway's /graphql only,
 * real tokens, the support and booking subgraphs streaming upstream, and every other
 * subgraph's fields resolved on each event. Operations are the typed documents of
 * clients/operations/test/subscriptions.graphql and the shared ones; queries and mutations
 * go through campus-client.
 */
type MessageEvent = ResultOf<typeof SubscriptionsMessageAddedDocument>;

const codesOf = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined) =>
  (errors ?? []).map((e) => e.extensions?.code);

describe('subscriptions through the gateway (graphql-ws)', () => {
  let supergraph: RunningSupergraph;
  const clients: Client[] = [];
  const client = (token?: string) => {
    const created = wsClient(supergraph.gatewayUrl, { token });
    clients.push(created);
    return created;
  };
  /** campus-client over HTTP, with only `accessToken` (no refresh token): a refusal stays one. */
  const as = (accessToken?: string) =>
    createCampusClient({
      url: supergraph.gatewayUrl,
      session: accessToken ? { accessToken } : null,
    });
  const logIn = async (key: string) =>
    (
      await as().request(LogInDocument, {
        email: `${key}@campus.test`,
        password: DEMO_PASSWORD,
      })
    ).logIn.accessToken;
  const signUp = async (firstName: string) =>
    (
      await as().request(SignUpDocument, {
        input: {
          email: `chat-${randomUUID()}@campus.test`,
          password: 'long-enough-password',
          firstName,
          lastName: 'Chatter',
        },
      })
    ).signUp;
  const openSession = async (token: string, subject: string) =>
    (await as(token).request(TestOpenSupportSessionDocument, { subject, message: 'Hello' }))
      .openSupportSession.id;
  const send = async (token: string, sessionId: string, body: string) =>
    (await as(token).request(TestSendSupportMessageDocument, { sessionId, body }))
      .sendSupportMessage.id;
  const logOut = (token: string) => as(token).request(LogOutDocument);
  /** Subscribes and waits until the subscription is live (a marker message comes through). */
  const liveMessages = async (c: Client, sessionId: string, sender: string) => {
    const sub = subscribe(c, SubscriptionsMessageAddedDocument, { sessionId });
    const marker = `marker-${randomUUID()}`;
    let sentAt = 0;
    await eventually(async () => {
      if (sub.results.some((r) => r.data?.supportMessageAdded.body === marker)) return true;
      // Not live yet when the marker was sent: send it again, now and then.
      if (Date.now() - sentAt > 500) {
        sentAt = Date.now();
        await send(sender, sessionId, marker);
      }
      return null;
    });
    return sub;
  };
  const bodies = (sub: Subscription<MessageEvent>) =>
    sub.results.map((r) => r.data?.supportMessageAdded.body);

  beforeAll(async () => {
    supergraph = await startSupergraph();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  afterAll(async () => supergraph.stop());

  it('two students and an admin chat both ways, other subgraphs’ fields on every event', async () => {
    const admin = await logIn('admin');
    const [ann, bob] = await Promise.all([signUp('Ann'), signUp('Bob')]);
    const annSession = await openSession(ann.accessToken, 'Ann needs help');
    const bobSession = await openSession(bob.accessToken, 'Bob needs help');

    const annSees = await liveMessages(client(ann.accessToken), annSession, ann.accessToken);
    const bobSees = await liveMessages(client(bob.accessToken), bobSession, bob.accessToken);
    const adminSeesAnn = await liveMessages(client(admin), annSession, admin);

    await send(admin, annSession, 'Hi Ann, admin here');
    await send(ann.accessToken, annSession, 'Thanks!');
    await send(admin, bobSession, 'Hi Bob');

    // Markers of the other windows may interleave; the chat lines come in order.
    const chat = async (sub: Subscription<MessageEvent>, expected: string[]) => {
      await eventually(async () =>
        expected.every((body) => bodies(sub).includes(body)) ? true : null,
      );
      return sub.results
        .map((r) => r.data?.supportMessageAdded)
        .filter((m) => m && expected.includes(m.body));
    };
    expect(await chat(annSees, ['Hi Ann, admin here', 'Thanks!'])).toEqual([
      expect.objectContaining({
        body: 'Hi Ann, admin here',
        sender: { name: 'Avery Admin', role: 'ADMIN' },
        session: { customer: { email: ann.user.email } },
      }),
      expect.objectContaining({
        body: 'Thanks!',
        sender: { name: 'Ann Chatter', role: 'STUDENT' },
      }),
    ]);
    const adminView = await chat(adminSeesAnn, ['Hi Ann, admin here', 'Thanks!']);
    expect(adminView.map((m) => m?.body)).toEqual(['Hi Ann, admin here', 'Thanks!']);
    const bobView = await chat(bobSees, ['Hi Bob']);
    expect(bobView.map((m) => m?.body)).toEqual(['Hi Bob']);
    expect(bodies(bobSees)).not.toContain('Thanks!');
    expect(bodies(bobSees).at(-1)).toBe('Hi Bob');
  });

  it('reconnecting with `after` loses and duplicates nothing while messages keep coming', async () => {
    const student = await signUp('Reconnecting');
    const sessionId = await openSession(student.accessToken, 'Flaky network');
    const first = await liveMessages(client(student.accessToken), sessionId, student.accessToken);
    const start = first.results.length;

    const sent: string[] = [];
    const sending = (async () => {
      for (let i = 0; i < 30; i += 1)
        sent.push(await send(student.accessToken, sessionId, `m${i}`));
    })();
    await first.next(start + 5);
    first.stop();
    const seen = first.results.slice(start).map((r) => r.data?.supportMessageAdded.id);
    const again = subscribe(client(student.accessToken), SubscriptionsMessageAddedDocument, {
      sessionId,
      after: seen.at(-1),
    });
    await sending;
    const rest = await again.next(sent.length - seen.length);
    const all = [...seen, ...rest.map((r) => r.data?.supportMessageAdded.id)];
    expect(all).toEqual(sent);
  });

  it('refuses a non-participant with FORBIDDEN and a bad token with close code 4403', async () => {
    const owner = await signUp('Owner');
    const stranger = await signUp('Stranger');
    const sessionId = await openSession(owner.accessToken, 'Private');
    const refused = subscribe(client(stranger.accessToken), SubscriptionsMessageAddedDocument, {
      sessionId,
    });
    const outcome = await Promise.race([refused.ended, refused.next(1)]);
    const errors = Array.isArray(outcome)
      ? outcome[0]?.errors
      : (outcome.error as { extensions?: Record<string, unknown> }[]);
    expect(codesOf(errors)).toEqual(['FORBIDDEN']);

    const forged = subscribe(client('not-a-token'), SubscriptionsMessageAddedDocument, {
      sessionId,
    });
    const { error } = await forged.ended;
    expect((error as { code?: number }).code).toBe(4403);
  });

  it('logOut ends the open subscriptions of that token', async () => {
    const student = await signUp('Leaving');
    const sessionId = await openSession(student.accessToken, 'Bye');
    const sub = await liveMessages(client(student.accessToken), sessionId, student.accessToken);
    await logOut(student.accessToken);
    const { error } = await sub.ended;
    expect((error as { code?: number }).code).toBe(4403);
  });

  it('two sessions of one user: when one logs out, only its own subscription ends', async () => {
    const student = await signUp('Twice');
    const email = student.user.email;
    const secondSession = (
      await as().request(LogInDocument, { email, password: 'long-enough-password' })
    ).logIn.accessToken;
    const sessionId = await openSession(student.accessToken, 'Two tabs');
    const first = await liveMessages(client(student.accessToken), sessionId, student.accessToken);
    const second = await liveMessages(client(secondSession), sessionId, secondSession);

    await logOut(student.accessToken);
    expect(((await first.ended).error as { code?: number }).code).toBe(4403);

    const after = await send(secondSession, sessionId, 'still here');
    await eventually(async () =>
      second.results.some((r) => r.data?.supportMessageAdded.id === after) ? true : null,
    );
    expect(second.results.every((r) => r.errors === undefined)).toBe(true);
  });

  it('bookingUpdated carries the course and the student from other subgraphs', async () => {
    const student = await signUp('Booker');
    const { course } = await as().request(SubscriptionsCourseDocument, {
      slug: 'typescript-deep-dive',
    });
    if (!course) throw new Error('the demo course typescript-deep-dive is missing');
    const sub = subscribe(client(student.accessToken), SubscriptionsBookingUpdatedDocument);
    // Until the subscription is live, each round books and cancels (freeing the seat again).
    await eventually(async () => {
      if (sub.results.length > 0) return true;
      const booked = as(student.accessToken);
      const { registerForCourse } = await booked.request(FlowRegisterDocument, {
        input: { courseId: course.id, idempotencyKey: randomUUID() },
      });
      await booked.request(TestCancelBookingDocument, { id: registerForCourse.id });
      return null;
    });
    const events = await sub.next(1);
    expect(events.at(-1)?.data?.bookingUpdated).toEqual({
      status: expect.stringMatching(/PENDING|CANCELLED/),
      course: { title: course.title },
      user: { name: 'Booker Chatter' },
    });
  });

  it('200 subscribers of one session get all 50 messages of a burst, in order, over one upstream', async () => {
    const student = await signUp('Popular');
    const sessionId = await openSession(student.accessToken, 'Everyone watches');
    const first = await liveMessages(client(student.accessToken), sessionId, student.accessToken);
    const subs = Array.from({ length: 199 }, () =>
      subscribe(client(student.accessToken), SubscriptionsMessageAddedDocument, { sessionId }),
    );
    await eventually(async () =>
      supergraph.gateway.subscriptionStats().clientSubscriptions >= 200 ? true : null,
    );
    const stats = supergraph.gateway.subscriptionStats();
    expect(stats.sharedSubscriptions).toBe(1);
    expect(stats.upstreamSockets).toBe(1);

    const burst = Array.from({ length: 50 }, (_, i) => `burst-${i}`);
    for (const body of burst) await send(student.accessToken, sessionId, body);
    for (const sub of [first, ...subs]) {
      await eventually(async () =>
        bodies(sub).filter((b) => b?.startsWith('burst-')).length >= 50 ? true : null,
      );
      expect(bodies(sub).filter((b) => b?.startsWith('burst-'))).toEqual(burst);
    }
  });

  it('admins share one upstream; when the admin holding it logs out, the others miss nothing', async () => {
    const student = await signUp('Watched');
    const sessionId = await openSession(student.accessToken, 'Many admins');
    // Three sessions of the admin: three tokens, one role.
    const admins = [await logIn('admin'), await logIn('admin'), await logIn('admin')];
    // The first to subscribe holds the shared upstream.
    const holder = await liveMessages(client(admins[0] ?? ''), sessionId, student.accessToken);
    const others = await Promise.all(
      admins.slice(1).map((token) => liveMessages(client(token), sessionId, student.accessToken)),
    );
    // The student's own subscription is not shared with the admins' (a different scope).
    const studentSees = await liveMessages(
      client(student.accessToken),
      sessionId,
      student.accessToken,
    );
    const stats = supergraph.gateway.subscriptionStats();
    expect(stats.clientSubscriptions).toBe(4);
    expect(stats.sharedSubscriptions).toBe(2);
    expect(stats.upstreamSubscriptions).toBe(2);

    // Messages keep coming while the first admin's session ends.
    const sent: string[] = [];
    let sending = true;
    const sender = (async () => {
      for (let i = 0; sending && i < 200; i += 1) {
        sent.push(await send(student.accessToken, sessionId, `handover-${i}`));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await logOut(admins[0] ?? '');
      // Its own subscription ends: the socket closes (4403) or the last result says why.
      const ended = await holder.ended;
      const closedForbidden = (ended.error as { code?: number } | undefined)?.code === 4403;
      const toldUnauthenticated = codesOf(holder.results.at(-1)?.errors).includes(
        'UNAUTHENTICATED',
      );
      expect(closedForbidden || toldUnauthenticated).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    } finally {
      sending = false;
      await sender;
    }

    const handed = (sub: Subscription<MessageEvent>) =>
      sub.results
        .map((r) => r.data?.supportMessageAdded)
        .filter((m) => m?.body.startsWith('handover-'))
        .map((m) => m?.id);
    for (const sub of [...others, studentSees]) {
      await eventually(async () => (handed(sub).length >= sent.length ? true : null));
      expect(handed(sub)).toEqual(sent);
      expect(sub.results.every((r) => r.errors === undefined)).toBe(true);
    }
    expect(supergraph.gateway.subscriptionStats().sharedSubscriptions).toBe(2);
  });

  it('admins selecting a field that depends on who they are do not share', async () => {
    const student = await signUp('Specific');
    const sessionId = await openSession(student.accessToken, 'Viewer fields');
    const [first, second] = [await logIn('admin'), await logIn('admin')];
    const before = supergraph.gateway.subscriptionStats().sharedSubscriptions;
    const subs = [first, second].map((token) =>
      subscribe(client(token), SubscriptionsViewerSpecificMessageAddedDocument, { sessionId }),
    );
    await eventually(async () =>
      supergraph.gateway.subscriptionStats().sharedSubscriptions >= before + 2 ? true : null,
    );
    let sentAt = 0;
    await eventually(async () => {
      if (subs.every((sub) => sub.results.length > 0)) return true;
      if (Date.now() - sentAt > 500) {
        sentAt = Date.now();
        await send(student.accessToken, sessionId, 'to each their own');
      }
      return null;
    });
    expect(subs.flatMap((sub) => sub.results).every((r) => r.errors === undefined)).toBe(true);
  });

  it('disconnecting every client leaves no upstream subscription or socket', async () => {
    const student = await signUp('Counting');
    const sessionId = await openSession(student.accessToken, 'Leak check');
    await Promise.all(
      Array.from({ length: 5 }, () =>
        liveMessages(client(student.accessToken), sessionId, student.accessToken),
      ),
    );
    expect(supergraph.gateway.subscriptionStats().upstreamSubscriptions).toBeGreaterThan(0);
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    const support = supergraph.subgraphs.find((s) => s.name === 'support');
    await eventually(async () => {
      const stats = supergraph.gateway.subscriptionStats();
      const idle =
        stats.clientSubscriptions === 0 &&
        stats.sharedSubscriptions === 0 &&
        stats.upstreamSubscriptions === 0 &&
        stats.upstreamSockets === 0 &&
        support?.subscriptionConnections() === 0;
      return idle ? true : null;
    });
  });

  it('a reloaded supergraph ends subscriptions with a reason, and resubscribing works', async () => {
    // A second gateway on a copy of the supergraph file, so this test can change it.
    const dir = mkdtempSync(path.join(tmpdir(), 'campus-supergraph-'));
    const file = path.join(dir, 'supergraph.graphql');
    copyFileSync(supergraph.config.supergraphPath, file);
    const second = createGateway({ ...supergraph.config, supergraphPath: file }, testLog);
    await second.start();
    const url = await second.listen(0);
    try {
      const student = await signUp('Reloaded');
      const sessionId = await openSession(student.accessToken, 'Schema change');
      const viaSecond = () => {
        const created = wsClient(url, { token: student.accessToken });
        clients.push(created);
        return created;
      };
      const sub = await liveMessages(viaSecond(), sessionId, student.accessToken);
      appendFileSync(file, '\n# recomposed\n');
      await sub.ended;
      expect(JSON.stringify(sub.results.at(-1)?.errors)).toMatch(/supergraph changed/i);
      await liveMessages(viaSecond(), sessionId, student.accessToken);
    } finally {
      await second.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a subgraph that goes away ends its subscriptions with a clear error', async () => {
    const student = await signUp('Stranded');
    const sessionId = await openSession(student.accessToken, 'Outage');
    const sub = await liveMessages(client(student.accessToken), sessionId, student.accessToken);
    const support = supergraph.subgraphs.find((s) => s.name === 'support');
    await support?.stop();
    const ended = await sub.ended;
    const last = sub.results.at(-1);
    const errors = last?.errors ?? (ended.error as { message: string }[] | undefined);
    expect(JSON.stringify(errors ?? ended.error)).toMatch(/went away|resubscribe|Subscribe again/i);
  });
});
