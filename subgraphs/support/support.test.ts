import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { demoViewer, errorCodes, execute, testConfig, testLog } from '../../test/helpers';
import type { Viewer } from '../shared/auth/viewer';
import { sqlLoggerOf } from '../shared/db/data-source';
import { DEMO_SUPPORT_SESSIONS, DEMO_USERS, demoUser } from '../shared/demo/catalog';
import type { SubgraphService } from '../shared/server';
import { SupportMessage } from './entities/support-message';
import { SupportSession, type SupportSessionStatus } from './entities/support-session';
import type { Loaders } from './loaders';
import { seedSupport } from './seed';
import { newMessageId } from './services/message-ids';
import { buildSupportSubgraph } from './subgraph';

// execute<D> alone would default the loaders type to unknown, which this service is not.
const run = <D>(
  service: SubgraphService<Loaders>,
  query: string,
  options?: Parameters<typeof execute>[2],
) => execute<D, Loaders>(service, query, options);

interface MessageNode {
  id: string;
  body: string;
  createdAt: string;
  sender: { id: string };
}
interface SessionNode {
  id: string;
  subject: string;
  status: SupportSessionStatus;
  lastMessageAt: string | null;
}

const SESSION = `query($id: ID!, $first: Int, $before: ID) {
  supportSession(id: $id) {
    id subject status createdAt lastMessageAt customer { id } assignee { id }
    messages(first: $first, before: $before) { id body createdAt sender { id } session { id } }
  }
}`;
const SESSION_REFS = `query($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on SupportSession { id subject } }
}`;
const SESSION_REFS_WITH_MESSAGES = `query($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on SupportSession { id messages { id body } } }
}`;
const USER_REFS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id } } }`;
const USER_SESSIONS = `query($reps: [_Any!]!) {
  _entities(representations: $reps) {
    ... on User { id supportSessions { id subject lastMessageAt } }
  }
}`;
const MY_SESSIONS = '{ mySupportSessions { id subject status lastMessageAt } }';
const QUEUE = `query($status: SupportSessionStatus) {
  supportQueue(status: $status) { id subject status lastMessageAt }
}`;

const [student1Demo, student2Demo, student3Demo, student4Demo] = DEMO_SUPPORT_SESSIONS as [
  (typeof DEMO_SUPPORT_SESSIONS)[number],
  (typeof DEMO_SUPPORT_SESSIONS)[number],
  (typeof DEMO_SUPPORT_SESSIONS)[number],
  (typeof DEMO_SUPPORT_SESSIONS)[number],
];
const sessionRep = (id: string) => ({ __typename: 'SupportSession', id });
const userRep = (id: string) => ({ __typename: 'User', id });
const hundred = (ids: string[]) => [
  ...ids,
  ...Array.from({ length: 100 - ids.length }, () => randomUUID()),
];
const stranger = (role: Viewer['role'] = 'STUDENT'): Viewer => ({
  id: randomUUID(),
  role,
  sessionId: 'session-of-stranger',
  tokenId: 'token-of-stranger',
});
const time = (iso: string | null): number => (iso ? Date.parse(iso) : Number.POSITIVE_INFINITY);

/** Extra rows beside the seed (never touching it): `count` sessions, one message each. */
async function insertSessions(
  db: DataSource,
  fields: Partial<SupportSession> & { customerId: string },
  count = 1,
): Promise<SupportSession[]> {
  const base = Date.now() - count * 60_000;
  const sessions = Array.from({ length: count }, (_, i) =>
    db.getRepository(SupportSession).create({
      id: randomUUID(),
      subject: `Extra ${i}`,
      status: 'CLOSED',
      lastMessageAt: new Date(base + i * 60_000),
      ...fields,
    }),
  );
  await db.getRepository(SupportSession).insert(sessions);
  await db.getRepository(SupportMessage).insert(
    sessions.map((s) => ({
      id: newMessageId(s.lastMessageAt ?? undefined),
      sessionId: s.id,
      senderId: s.customerId,
      body: `About ${s.subject}`,
      createdAt: s.lastMessageAt ?? undefined,
    })),
  );
  return sessions;
}

describe('support subgraph', () => {
  const service = testConfig().then((config) => buildSupportSubgraph(config, testLog));
  const admin = demoViewer('admin');
  const student1 = demoViewer('student1');
  const student2 = demoViewer('student2');

  beforeAll(async () => (await service).start({ seed: true }));
  afterAll(async () => (await service).stop());

  describe('seed', () => {
    it('writes the demo sessions with messages a minute apart, ids in creation order', async () => {
      const s = await service;
      const messages = await s.dataSource
        .getRepository(SupportMessage)
        .find({ where: { sessionId: student1Demo.id }, order: { id: 'ASC' } });
      expect(messages.map((m) => [m.senderId, m.body])).toEqual(
        student1Demo.messages.map((m) => [m.senderId, m.body]),
      );
      const times = messages.map((m) => m.createdAt.getTime());
      expect(times.slice(1).map((t, i) => t - (times[i] as number))).toEqual([60_000, 60_000]);
      const session = await s.dataSource
        .getRepository(SupportSession)
        .findOneByOrFail({ id: student1Demo.id });
      expect(session.lastMessageAt?.getTime()).toBe(times.at(-1));
      expect(session.createdAt.getTime()).toBe(times[0]);
    });

    it('is idempotent: a second run adds nothing and only reads', async () => {
      const s = await service;
      const count = () =>
        Promise.all([
          s.dataSource.getRepository(SupportSession).count(),
          s.dataSource.getRepository(SupportMessage).count(),
        ]);
      const before = await count();
      const sql = sqlLoggerOf(s.dataSource);
      sql.reset();
      await seedSupport(s.services);
      expect(sql.statements).toBe(1);
      expect(await count()).toEqual(before);
    });
  });

  describe('entities', () => {
    const sessionIds = hundred(DEMO_SUPPORT_SESSIONS.map((d) => d.id));

    it('resolves 100 SupportSession references with one statement', async () => {
      const s = await service;
      const sql = sqlLoggerOf(s.dataSource);
      sql.reset();
      const result = await run<{ _entities: (SessionNode | null)[] }>(s, SESSION_REFS, {
        variables: { reps: sessionIds.map(sessionRep) },
        viewer: admin,
      });
      expect(result.errors).toBeUndefined();
      expect(sql.statements).toBe(1);
      const entities = result.data?._entities ?? [];
      expect(entities).toHaveLength(100);
      expect(entities.slice(0, 4).map((e) => e?.subject)).toEqual(
        DEMO_SUPPORT_SESSIONS.map((d) => d.subject),
      );
      expect(entities.slice(4).every((e) => e === null)).toBe(true);
    });

    it('loads the messages of 100 sessions with one more statement', async () => {
      const s = await service;
      const sql = sqlLoggerOf(s.dataSource);
      sql.reset();
      const result = await run<{ _entities: ({ messages: MessageNode[] } | null)[] }>(
        s,
        SESSION_REFS_WITH_MESSAGES,
        { variables: { reps: sessionIds.map(sessionRep) }, viewer: admin },
      );
      expect(result.errors).toBeUndefined();
      expect(sql.statements).toBe(2);
      expect(result.data?._entities.slice(0, 4).map((e) => e?.messages.map((m) => m.body))).toEqual(
        DEMO_SUPPORT_SESSIONS.map((d) => d.messages.map((m) => m.body)),
      );
    });

    it('resolves 100 User references with no statement (key-only)', async () => {
      const s = await service;
      const sql = sqlLoggerOf(s.dataSource);
      sql.reset();
      const ids = hundred(DEMO_USERS.map((u) => u.id));
      const result = await execute(s, USER_REFS, {
        variables: { reps: ids.map(userRep) },
        viewer: admin,
      });
      expect(result.data?._entities).toEqual(ids.map((id) => ({ id })));
      expect(sql.statements).toBe(0);
    });

    it('lists supportSessions of 100 users with one statement', async () => {
      const s = await service;
      const sql = sqlLoggerOf(s.dataSource);
      sql.reset();
      const ids = hundred(DEMO_USERS.map((u) => u.id));
      const result = await run<{ _entities: { id: string; supportSessions: SessionNode[] }[] }>(
        s,
        USER_SESSIONS,
        { variables: { reps: ids.map(userRep) }, viewer: admin },
      );
      expect(result.errors).toBeUndefined();
      expect(sql.statements).toBe(1);
      const byUser = new Map(result.data?._entities.map((u) => [u.id, u.supportSessions]));
      expect(byUser.get(demoUser('student3').id)?.map((x) => x.id)).toEqual([student3Demo.id]);
      expect(byUser.get(demoUser('admin').id)).toEqual([]);
    });

    it('hides messages of a session reached by reference from non-participants', async () => {
      const s = await service;
      const reps = [sessionRep(student1Demo.id)];
      const visible = await execute(s, SESSION_REFS, { variables: { reps }, viewer: student2 });
      expect(visible.data?._entities).toEqual([
        { id: student1Demo.id, subject: student1Demo.subject },
      ]);
      const hidden = await execute(s, SESSION_REFS_WITH_MESSAGES, {
        variables: { reps },
        viewer: student2,
      });
      expect(errorCodes(hidden)).toEqual(['FORBIDDEN']);
      const anonymous = await execute(s, SESSION_REFS_WITH_MESSAGES, { variables: { reps } });
      expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    });

    it('resolves a malformed id reference to null instead of failing the batch', async () => {
      const s = await service;
      const result = await execute(s, SESSION_REFS, {
        variables: { reps: [sessionRep('not-a-uuid'), sessionRep(student2Demo.id)] },
        viewer: admin,
      });
      expect(result.data?._entities).toEqual([
        null,
        { id: student2Demo.id, subject: student2Demo.subject },
      ]);
    });
  });

  describe('supportSession', () => {
    it('shows the customer their session with its conversation, oldest first', async () => {
      const s = await service;
      const result = await run<{
        supportSession: SessionNode & {
          customer: { id: string };
          assignee: { id: string } | null;
          messages: (MessageNode & { session: { id: string } })[];
        };
      }>(s, SESSION, { variables: { id: student1Demo.id }, viewer: student1 });
      expect(result.errors).toBeUndefined();
      const session = result.data?.supportSession;
      expect(session).toMatchObject({
        id: student1Demo.id,
        subject: student1Demo.subject,
        status: student1Demo.status,
        customer: { id: student1Demo.customerId },
        assignee: { id: student1Demo.assigneeId },
      });
      const messages = session?.messages ?? [];
      expect(messages.map((m) => [m.sender.id, m.body])).toEqual(
        student1Demo.messages.map((m) => [m.senderId, m.body]),
      );
      expect(messages.every((m) => m.session.id === student1Demo.id)).toBe(true);
      expect([...messages.map((m) => m.id)].sort()).toEqual(messages.map((m) => m.id));
      expect(session?.lastMessageAt).toBe(messages.at(-1)?.createdAt);
    });

    it('shows an unassigned session with a null assignee to an admin', async () => {
      const s = await service;
      const result = await execute(s, SESSION, {
        variables: { id: student2Demo.id },
        viewer: admin,
      });
      expect(result.data?.supportSession).toMatchObject({
        status: 'OPEN',
        assignee: null,
        customer: { id: student2Demo.customerId },
      });
    });

    it('lets a non-admin assignee in', async () => {
      const s = await service;
      const instructor = demoViewer('instructor1');
      const [session] = await insertSessions(s.dataSource, {
        customerId: demoUser('student5').id,
        assigneeId: instructor.id,
        status: 'ASSIGNED',
      });
      const result = await execute(s, SESSION, {
        variables: { id: session?.id },
        viewer: instructor,
      });
      expect(result.errors).toBeUndefined();
      expect(result.data?.supportSession).toMatchObject({
        id: session?.id,
        assignee: { id: instructor.id },
        messages: [{ body: `About ${session?.subject}` }],
      });
    });

    it('is FORBIDDEN to non-participants and UNAUTHENTICATED anonymously', async () => {
      const s = await service;
      const variables = { id: student1Demo.id };
      expect(errorCodes(await execute(s, SESSION, { variables, viewer: student2 }))).toEqual([
        'FORBIDDEN',
      ]);
      expect(
        errorCodes(await execute(s, SESSION, { variables, viewer: demoViewer('instructor2') })),
      ).toEqual(['FORBIDDEN']);
      expect(errorCodes(await execute(s, SESSION, { variables }))).toEqual(['UNAUTHENTICATED']);
    });

    it('is null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
      const s = await service;
      const missing = await execute(s, SESSION, {
        variables: { id: randomUUID() },
        viewer: student1,
      });
      expect(missing.errors).toBeUndefined();
      expect(missing.data).toEqual({ supportSession: null });
      const malformed = await execute(s, SESSION, { variables: { id: 'nope' }, viewer: admin });
      expect(errorCodes(malformed)).toEqual(['BAD_USER_INPUT']);
      expect(malformed.errors?.[0]?.extensions?.field).toBe('id');
    });
  });

  describe('SupportSession.messages window', () => {
    const messagesOf = async (viewer: Viewer, args: { first?: number; before?: string }) => {
      const s = await service;
      return run<{ supportSession: { messages: MessageNode[] } }>(s, SESSION, {
        variables: { id: student1Demo.id, ...args },
        viewer,
      });
    };
    const bodies = student1Demo.messages.map((m) => m.body);

    it('returns the latest `first` messages, oldest first', async () => {
      const result = await messagesOf(admin, { first: 2 });
      expect(result.data?.supportSession.messages.map((m) => m.body)).toEqual(bodies.slice(-2));
    });

    it('pages back with before until nothing is left', async () => {
      const walked: string[] = [];
      let before: string | undefined;
      for (;;) {
        const result = await messagesOf(student1, { first: 1, before });
        const page = result.data?.supportSession.messages ?? [];
        if (page.length === 0) break;
        walked.unshift(...page.map((m) => m.body));
        before = page[0]?.id;
      }
      expect(walked).toEqual(bodies);
    });

    it('serves windows with different arguments in one statement', async () => {
      const s = await service;
      const sql = sqlLoggerOf(s.dataSource);
      const query = `query($id: ID!) { supportSession(id: $id) {
        last: messages(first: 1) { body } all: messages { body } none: messages(first: 0) { body }
      } }`;
      sql.reset();
      const result = await execute(s, query, { variables: { id: student1Demo.id }, viewer: admin });
      expect(result.data?.supportSession).toEqual({
        last: [{ body: bodies.at(-1) }],
        all: bodies.map((body) => ({ body })),
        none: [],
      });
      expect(sql.statements).toBe(2); // the session, then both windows together
    });

    it.each([101, -1])('rejects first: %d with BAD_USER_INPUT on "first"', async (first) => {
      const result = await messagesOf(admin, { first });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.field).toBe('first');
    });

    it('rejects a malformed before with BAD_USER_INPUT on "before"', async () => {
      const result = await messagesOf(admin, { before: 'latest' });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.field).toBe('before');
    });
  });

  describe('mySupportSessions and User.supportSessions', () => {
    it('lists the sessions the viewer is customer or assignee of', async () => {
      const s = await service;
      const mine = await run<{ mySupportSessions: SessionNode[] }>(s, MY_SESSIONS, {
        viewer: student1,
      });
      expect(mine.data?.mySupportSessions.map((x) => x.id)).toEqual([student1Demo.id]);
      const assigned = await run<{ mySupportSessions: SessionNode[] }>(s, MY_SESSIONS, {
        viewer: admin,
      });
      const ids = assigned.data?.mySupportSessions.map((x) => x.id) ?? [];
      expect(ids).toEqual(expect.arrayContaining([student1Demo.id, student4Demo.id]));
      expect(ids).not.toContain(student2Demo.id);
      expect((await execute(s, MY_SESSIONS)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('orders newest activity first and caps at 200', async () => {
      const s = await service;
      const customer = stranger();
      const inserted = await insertSessions(s.dataSource, { customerId: customer.id }, 201);
      const newestFirst = [...inserted].reverse().map((x) => x.id);
      const mine = await run<{ mySupportSessions: SessionNode[] }>(s, MY_SESSIONS, {
        viewer: customer,
      });
      expect(mine.data?.mySupportSessions.map((x) => x.id)).toEqual(newestFirst.slice(0, 200));
      const listed = await run<{ _entities: { supportSessions: SessionNode[] }[] }>(
        s,
        USER_SESSIONS,
        { variables: { reps: [userRep(customer.id)] }, viewer: customer },
      );
      expect(listed.data?._entities[0]?.supportSessions.map((x) => x.id)).toEqual(
        newestFirst.slice(0, 200),
      );
    });

    it('shows User.supportSessions to self and admins only', async () => {
      const s = await service;
      const reps = [userRep(student4Demo.customerId)];
      const self = await execute(s, USER_SESSIONS, {
        variables: { reps },
        viewer: demoViewer('student4'),
      });
      expect(self.data?._entities).toEqual([
        {
          id: student4Demo.customerId,
          supportSessions: [
            expect.objectContaining({ id: student4Demo.id, subject: student4Demo.subject }),
          ],
        },
      ]);
      const other = await execute(s, USER_SESSIONS, { variables: { reps }, viewer: student1 });
      expect(errorCodes(other)).toEqual(['FORBIDDEN']);
      expect(errorCodes(await execute(s, USER_SESSIONS, { variables: { reps } }))).toEqual([
        'UNAUTHENTICATED',
      ]);
    });
  });

  describe('supportQueue', () => {
    const queue = async (viewer: Viewer | null, status?: SupportSessionStatus) =>
      run<{ supportQueue: SessionNode[] }>(await service, QUEUE, {
        variables: { status },
        viewer,
      });

    it('lists OPEN and ASSIGNED sessions, longest waiting first', async () => {
      const result = await queue(admin);
      expect(result.errors).toBeUndefined();
      const sessions = result.data?.supportQueue ?? [];
      expect(sessions.map((x) => x.id)).toEqual(
        expect.arrayContaining([student1Demo.id, student2Demo.id, student3Demo.id]),
      );
      expect(sessions.every((x) => x.status === 'OPEN' || x.status === 'ASSIGNED')).toBe(true);
      const times = sessions.map((x) => time(x.lastMessageAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });

    it('filters by status', async () => {
      // Other test files resolve sessions of their own in the shared database.
      const result = await queue(admin, 'RESOLVED');
      const sessions = result.data?.supportQueue ?? [];
      expect(sessions.map((x) => [x.id, x.subject])).toContainEqual([
        student4Demo.id,
        student4Demo.subject,
      ]);
      expect(sessions.every((x) => x.status === 'RESOLVED')).toBe(true);
      expect(sessions.map((x) => x.id)).not.toContain(student1Demo.id);
    });

    it('is for admins only', async () => {
      expect(errorCodes(await queue(student1))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await queue(demoViewer('instructor1')))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await queue(null))).toEqual(['UNAUTHENTICATED']);
    });
  });
});
