import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import type { GraphQLFormattedError } from 'graphql';
import { demoViewer, eventually, testConfig, testLog } from '../../test/helpers';
import { subscribe, tokenFor, wsClient, type Subscription } from '../../test/ws';
import type { Viewer } from '../shared/auth/viewer';
import { SupportMessage } from './entities/support-message';
import { assignSupportSession } from './services/assign-session';
import { sendSupportMessage } from './services/send-message';
import { setSupportSessionStatus } from './services/set-session-status';
import { buildSupportSubgraph } from './subgraph';
import { openedBy, stranger } from './test-kit';

// A real graphql-ws client against the subgraph's own socket, as the gateway connects:
// with the gateway secret and the user's token in connection_init.

interface MessageEvent {
  supportMessageAdded: {
    id: string;
    body: string;
    sender: { id: string };
    session: { id: string };
  };
}
interface SessionEvent {
  id: string;
  status: string;
  assignee: { id: string } | null;
}

const MESSAGES = `subscription($sessionId: ID!, $after: ID) {
  supportMessageAdded(sessionId: $sessionId, after: $after) {
    id body sender { id } session { id }
  }
}`;
const SESSION_UPDATES = `subscription($sessionId: ID!) {
  supportSessionUpdated(sessionId: $sessionId) { id status assignee { id } }
}`;
const QUEUE_UPDATES = `subscription { supportQueueUpdated { id status assignee { id } } }`;

// An admin of this file only: the demo admin's session lists stay as the seed made them.
const admin = stranger('ADMIN');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The error code a subscription ended with (graphql-ws sends it as a result, then completes). */
async function failureCode(subscription: Subscription<unknown>): Promise<unknown> {
  const { error } = await subscription.ended;
  const errors = Array.isArray(error)
    ? (error as GraphQLFormattedError[])
    : subscription.results[0]?.errors;
  return errors?.[0]?.extensions?.code;
}

describe('support subscriptions over graphql-ws', () => {
  const config = testConfig();
  const service = config.then((c) => buildSupportSubgraph(c, testLog));
  let url = '';
  const clients: Client[] = [];

  beforeAll(async () => {
    const s = await service;
    await s.start({ seed: true });
    url = await s.listen(0);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    const s = await service;
    await eventually(async () => (s.subscriptionConnections() === 0 ? true : null));
  });
  afterAll(async () => (await service).stop());

  /** A client as the gateway would open it for `viewer` (null: no token). */
  const clientFor = async (viewer: Viewer | null, options: { secret?: boolean } = {}) => {
    const c = await config;
    const client = wsClient(url, {
      token: viewer ? await tokenFor(c, viewer) : undefined,
      gatewaySecret: options.secret === false ? undefined : c.gatewaySecret,
    });
    clients.push(client);
    return client;
  };
  const listeners = async () => (await service).services.pubsub.listenerCount();
  /** Waits until `count` topic listeners are attached (the subscriptions have started). */
  const listening = async (count: number) =>
    eventually(async () => ((await listeners()) >= count ? true : null));
  const storedIds = async (sessionId: string) =>
    (
      await (
        await service
      ).dataSource
        .getRepository(SupportMessage)
        .find({ select: { id: true }, where: { sessionId }, order: { id: 'ASC' } })
    ).map((m) => m.id);
  const sendAs = async (viewer: Viewer, sessionId: string, body: string) =>
    sendSupportMessage((await service).services, viewer, { sessionId, body });
  const idsOf = (subscription: Subscription<MessageEvent>) =>
    subscription.results.map((r) => r.data?.supportMessageAdded.id);

  describe('supportMessageAdded', () => {
    it('delivers new messages to the customer and an admin, in order, both ways', async () => {
      const customer = stranger();
      const session = await openedBy(await service, customer);
      const before = await listeners();
      const forCustomer = subscribe<MessageEvent>(await clientFor(customer), MESSAGES, {
        sessionId: session.id,
      });
      const forAdmin = subscribe<MessageEvent>(await clientFor(admin), MESSAGES, {
        sessionId: session.id,
      });
      await listening(before + 2);
      await sleep(200); // each has read its starting point (the newest message so far)
      const sent = [];
      for (let i = 0; i < 6; i += 1) {
        sent.push(await sendAs(i % 2 ? admin : customer, session.id, `message ${i}`));
      }
      for (const subscription of [forCustomer, forAdmin]) {
        const results = await subscription.next(6);
        expect(results.map((r) => r.errors)).toEqual(Array(6).fill(undefined));
        expect(results.map((r) => r.data?.supportMessageAdded)).toEqual(
          sent.map((m) => ({
            id: m.id,
            body: m.body,
            sender: { id: m.senderId },
            session: { id: session.id },
          })),
        );
      }
      expect((await storedIds(session.id)).slice(1)).toEqual(sent.map((m) => m.id));
    });

    it('with after: the stored messages after it, then live ones, no gap, no duplicate', async () => {
      const customer = stranger();
      const session = await openedBy(await service, customer);
      // Two senders keep writing concurrently the whole time.
      let written = 0;
      const writer = async (viewer: Viewer, name: string) => {
        for (let i = 0; i < 15; i += 1) {
          await sendAs(viewer, session.id, `${name} ${i}`);
          written += 1;
        }
      };
      const writing = Promise.all([writer(customer, 'customer'), writer(admin, 'admin')]);
      await eventually(async () => (written >= 12 ? true : null));
      const tenth = (await storedIds(session.id))[9];
      const resumed = subscribe<MessageEvent>(await clientFor(customer), MESSAGES, {
        sessionId: session.id,
        after: tenth,
      });
      await writing;
      const all = await storedIds(session.id);
      expect(all).toHaveLength(31);
      const expected = all.slice(10);
      await resumed.next(expected.length);
      await sleep(300); // a duplicate would arrive now
      expect(resumed.results.flatMap((r) => r.errors ?? [])).toEqual([]);
      expect(idsOf(resumed)).toEqual(expected);
      // And it goes on live.
      const live = await sendAs(admin, session.id, 'still here');
      await resumed.next(expected.length + 1);
      expect(idsOf(resumed).at(-1)).toBe(live.id);
    });

    it('lets a client resubscribe with the last id it saw and lose nothing', async () => {
      const customer = stranger();
      const session = await openedBy(await service, customer);
      const before = await listeners();
      const first = subscribe<MessageEvent>(await clientFor(customer), MESSAGES, {
        sessionId: session.id,
      });
      await listening(before + 1);
      await sleep(200);
      await sendAs(admin, session.id, 'one');
      await first.next(1);
      first.stop();
      const missed = [
        await sendAs(admin, session.id, 'two'),
        await sendAs(admin, session.id, 'three'),
      ];
      const second = subscribe<MessageEvent>(await clientFor(customer), MESSAGES, {
        sessionId: session.id,
        after: idsOf(first).at(-1),
      });
      await second.next(2);
      expect(idsOf(second)).toEqual(missed.map((m) => m.id));
    });

    it('resolves every event afresh (the session as it is now, not as first loaded)', async () => {
      const customer = stranger();
      const session = await openedBy(await service, customer);
      const before = await listeners();
      const events = subscribe<{ supportMessageAdded: { session: { status: string } } }>(
        await clientFor(customer),
        `subscription($sessionId: ID!) {
          supportMessageAdded(sessionId: $sessionId) { session { status assignee { id } } }
        }`,
        { sessionId: session.id },
      );
      await listening(before + 1);
      await sleep(200);
      await sendAs(customer, session.id, 'before');
      await events.next(1);
      await assignSupportSession((await service).services, admin, { sessionId: session.id });
      await sendAs(admin, session.id, 'after');
      const results = await events.next(2);
      expect(results.map((r) => r.data?.supportMessageAdded.session)).toEqual([
        { status: 'OPEN', assignee: null },
        { status: 'ASSIGNED', assignee: { id: admin.id } },
      ]);
    });

    it('refuses non-participants, unknown sessions, malformed ids and anonymous users', async () => {
      const session = await openedBy(await service, stranger());
      const other = await clientFor(stranger());
      expect(await failureCode(subscribe(other, MESSAGES, { sessionId: session.id }))).toBe(
        'FORBIDDEN',
      );
      expect(
        await failureCode(
          subscribe(await clientFor(demoViewer('instructor1')), MESSAGES, {
            sessionId: session.id,
          }),
        ),
      ).toBe('FORBIDDEN');
      expect(await failureCode(subscribe(other, MESSAGES, { sessionId: randomUUID() }))).toBe(
        'NOT_FOUND',
      );
      const adminClient = await clientFor(admin);
      for (const variables of [{ sessionId: 'nope' }, { sessionId: session.id, after: 'latest' }]) {
        const refused = subscribe(adminClient, MESSAGES, variables);
        expect(await failureCode(refused)).toBe('BAD_USER_INPUT');
        expect(refused.results[0]?.errors?.[0]?.extensions?.field).toBe(
          'after' in variables ? 'after' : 'sessionId',
        );
      }
      const anonymous = await clientFor(null);
      expect(await failureCode(subscribe(anonymous, MESSAGES, { sessionId: session.id }))).toBe(
        'UNAUTHENTICATED',
      );
    });
  });

  describe('supportSessionUpdated', () => {
    it('tells participants of assignment and status changes', async () => {
      const customer = stranger();
      const session = await openedBy(await service, customer);
      const before = await listeners();
      const updates = subscribe<{ supportSessionUpdated: SessionEvent }>(
        await clientFor(customer),
        SESSION_UPDATES,
        { sessionId: session.id },
      );
      await listening(before + 1);
      const services = (await service).services;
      await assignSupportSession(services, admin, { sessionId: session.id });
      await updates.next(1);
      await setSupportSessionStatus(services, customer, {
        sessionId: session.id,
        status: 'RESOLVED',
      });
      const results = await updates.next(2);
      expect(results.map((r) => r.data?.supportSessionUpdated)).toEqual([
        { id: session.id, status: 'ASSIGNED', assignee: { id: admin.id } },
        { id: session.id, status: 'RESOLVED', assignee: { id: admin.id } },
      ]);
    });

    it('is FORBIDDEN to non-participants', async () => {
      const session = await openedBy(await service, stranger());
      const refused = subscribe(await clientFor(stranger()), SESSION_UPDATES, {
        sessionId: session.id,
      });
      expect(await failureCode(refused)).toBe('FORBIDDEN');
    });
  });

  describe('supportQueueUpdated', () => {
    it('tells admins of opened and changed sessions', async () => {
      const before = await listeners();
      const queue = subscribe<{ supportQueueUpdated: SessionEvent }>(
        await clientFor(admin),
        QUEUE_UPDATES,
      );
      await listening(before + 1);
      const session = await openedBy(await service, stranger());
      await assignSupportSession((await service).services, admin, { sessionId: session.id });
      await eventually(async () => {
        const mine = queue.results
          .map((r) => r.data?.supportQueueUpdated)
          .filter((s) => s?.id === session.id);
        return mine.length >= 2 ? mine : null;
      }).then((mine) =>
        expect(mine).toEqual([
          { id: session.id, status: 'OPEN', assignee: null },
          { id: session.id, status: 'ASSIGNED', assignee: { id: admin.id } },
        ]),
      );
    });

    it('is FORBIDDEN to students and instructors', async () => {
      for (const viewer of [stranger(), demoViewer('instructor1')]) {
        const refused = subscribe(await clientFor(viewer), QUEUE_UPDATES);
        expect(await failureCode(refused)).toBe('FORBIDDEN');
      }
    });
  });

  describe('resources', () => {
    it('removes the topic listeners of stopped subscriptions and closes disposed sockets', async () => {
      const customer = stranger();
      const session = await openedBy(await service, customer);
      const before = await listeners();
      const client = await clientFor(customer);
      const messages = subscribe(client, MESSAGES, { sessionId: session.id });
      const updates = subscribe(client, SESSION_UPDATES, { sessionId: session.id });
      await listening(before + 2);
      expect((await service).subscriptionConnections()).toBe(1);
      // Stopped while waiting for a wake-up that never comes.
      messages.stop();
      await eventually(async () => ((await listeners()) === before + 1 ? true : null));
      updates.stop();
      await eventually(async () => ((await listeners()) === before ? true : null));
      await client.dispose();
      await eventually(async () => ((await service).subscriptionConnections() === 0 ? true : null));
    });

    it('releases the listeners of a client that just goes away', async () => {
      const customer = stranger();
      const session = await openedBy(await service, customer);
      const before = await listeners();
      const client = await clientFor(customer);
      subscribe(client, MESSAGES, { sessionId: session.id, after: randomUUID() });
      subscribe(client, SESSION_UPDATES, { sessionId: session.id });
      await listening(before + 2);
      await client.dispose();
      await eventually(async () => ((await listeners()) === before ? true : null));
      await eventually(async () => ((await service).subscriptionConnections() === 0 ? true : null));
    });

    it('refuses a connection without the gateway secret (4403)', async () => {
      const client = await clientFor(admin, { secret: false });
      const refused = subscribe(client, QUEUE_UPDATES);
      const { error } = await refused.ended;
      expect((error as { code?: number }).code).toBe(4403);
      expect(refused.results).toEqual([]);
    });
  });
});
