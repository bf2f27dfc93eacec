import { randomUUID } from 'node:crypto';
import { errorCodes, testConfig, testLog, type Result } from '../../test/helpers';
import type { Viewer } from '../shared/auth/viewer';
import { sqlLoggerOf } from '../shared/db/data-source';
import type { SubgraphService } from '../shared/server';
import { SupportMessage } from './entities/support-message';
import { SupportSession, type SupportSessionStatus } from './entities/support-session';
import type { Loaders } from './loaders';
import { messagesTopic, QUEUE_TOPIC, sessionTopic } from './services/topics';
import { buildSupportSubgraph } from './subgraph';
import { accessChanged, applyAccess, openedBy, run, stranger } from './test-kit';

// Every test opens its own sessions with its own customers, so it depends on no global
// count in the shared database.

interface SessionResult {
  id: string;
  subject: string;
  status: SupportSessionStatus;
  createdAt: string;
  lastMessageAt: string | null;
  customer: { id: string };
  assignee: { id: string } | null;
  messages: { id: string; body: string; sender: { id: string } }[];
}
interface MessageResult {
  id: string;
  body: string;
  createdAt: string;
  sender: { id: string };
  session: { id: string; lastMessageAt: string };
}

const SESSION = `id subject status createdAt lastMessageAt customer { id } assignee { id }
  messages { id body sender { id } }`;
const OPEN = `mutation($subject: String!, $message: String!) {
  openSupportSession(subject: $subject, message: $message) { ${SESSION} } }`;
const SEND = `mutation($sessionId: ID!, $body: String!) {
  sendSupportMessage(sessionId: $sessionId, body: $body) {
    id body createdAt sender { id } session { id lastMessageAt } } }`;
const ASSIGN = `mutation($sessionId: ID!, $adminId: ID) {
  assignSupportSession(sessionId: $sessionId, adminId: $adminId) { ${SESSION} } }`;
const SET_STATUS = `mutation($sessionId: ID!, $status: SupportSessionStatus!) {
  setSupportSessionStatus(sessionId: $sessionId, status: $status) { ${SESSION} } }`;
const MESSAGE = `query($id: ID!) { supportMessage(id: $id) { id body sender { id } session { id } } }`;

// An admin of this file only: the demo admin's session lists stay as the seed made them.
const admin = stranger('ADMIN');
const instructor = stranger('INSTRUCTOR');

const fieldOf = (result: Result<unknown>) => result.errors?.[0]?.extensions?.field;

describe('support mutations', () => {
  const service = testConfig().then((config) => buildSupportSubgraph(config, testLog));
  beforeAll(async () => (await service).start({ seed: true }));
  afterAll(async () => (await service).stop());

  const s = () => service as Promise<SubgraphService<Loaders>>;
  const open = async (viewer: Viewer | null, subject: string, message: string) =>
    run<{ openSupportSession: SessionResult }>(await s(), OPEN, {
      variables: { subject, message },
      viewer,
    });
  const send = async (viewer: Viewer | null, sessionId: string, body: string) =>
    run<{ sendSupportMessage: MessageResult }>(await s(), SEND, {
      variables: { sessionId, body },
      viewer,
    });
  const assign = async (viewer: Viewer | null, sessionId: string, adminId?: string) =>
    run<{ assignSupportSession: SessionResult }>(await s(), ASSIGN, {
      variables: { sessionId, adminId },
      viewer,
    });
  const setStatus = async (viewer: Viewer | null, sessionId: string, status: string) =>
    run<{ setSupportSessionStatus: SessionResult }>(await s(), SET_STATUS, {
      variables: { sessionId, status },
      viewer,
    });
  const stored = async (id: string) =>
    (await s()).dataSource.getRepository(SupportSession).findOneByOrFail({ id });
  const storedMessages = async (sessionId: string) =>
    (await s()).dataSource
      .getRepository(SupportMessage)
      .find({ where: { sessionId }, order: { id: 'ASC' } });
  /** The next notification of a topic (listening starts now). */
  const nextNotice = async (topic: string) => {
    const notices = (await s()).services.pubsub.subscribe<Record<string, unknown>>(topic);
    const next = notices.next();
    return {
      next: async () => {
        const result = await next;
        await notices.return?.();
        return result.value;
      },
    };
  };
  /** A session in the given state, opened by a fresh customer. */
  const sessionIn = async (status: SupportSessionStatus, customer = stranger()) => {
    const session = await openedBy(await s(), customer);
    if (status === 'ASSIGNED' || status === 'RESOLVED' || status === 'CLOSED') {
      expect((await assign(admin, session.id)).errors).toBeUndefined();
    }
    if (status === 'RESOLVED' || status === 'CLOSED') {
      expect((await setStatus(admin, session.id, status)).errors).toBeUndefined();
    }
    return { session, customer };
  };

  describe('openSupportSession', () => {
    it('opens an OPEN session for the viewer with the first message, trimmed', async () => {
      const customer = stranger();
      const queued = await nextNotice(QUEUE_TOPIC);
      const result = await open(customer, '  Cannot log in  ', '  Help me, please.  ');
      expect(result.errors).toBeUndefined();
      const session = result.data?.openSupportSession;
      expect(session).toMatchObject({
        subject: 'Cannot log in',
        status: 'OPEN',
        customer: { id: customer.id },
        assignee: null,
        messages: [{ body: 'Help me, please.', sender: { id: customer.id } }],
      });
      expect(session?.lastMessageAt).toBe(session?.createdAt);
      const row = await stored(session?.id ?? '');
      expect(row).toMatchObject({ subject: 'Cannot log in', status: 'OPEN', assigneeId: null });
      expect((await storedMessages(row.id)).map((m) => m.body)).toEqual(['Help me, please.']);
      expect(await queued.next()).toEqual({
        sessionId: row.id,
        status: 'OPEN',
        assigneeId: null,
      });
      // The customer sees it in their lists.
      const mine = await run<{ mySupportSessions: { id: string }[] }>(
        await s(),
        '{ mySupportSessions { id } }',
        { viewer: customer },
      );
      expect(mine.data?.mySupportSessions.map((x) => x.id)).toEqual([row.id]);
    });

    it('is UNAUTHENTICATED anonymously', async () => {
      expect(errorCodes(await open(null, 'Subject', 'Message'))).toEqual(['UNAUTHENTICATED']);
    });

    it.each([
      ['subject', '   ', 'Message'],
      ['subject', 'x'.repeat(201), 'Message'],
      ['message', 'Subject', ' \n '],
      ['message', 'Subject', 'x'.repeat(4001)],
    ])(
      'rejects a bad %s with BAD_USER_INPUT and writes nothing',
      async (field, subject, message) => {
        const customer = stranger();
        const result = await open(customer, subject, message);
        expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
        expect(fieldOf(result)).toBe(field);
        const count = await (
          await s()
        ).dataSource
          .getRepository(SupportSession)
          .countBy({ customerId: customer.id });
        expect(count).toBe(0);
      },
    );

    it('accepts the longest subject and message', async () => {
      const result = await open(stranger(), 'x'.repeat(200), 'y'.repeat(4000));
      expect(result.errors).toBeUndefined();
      expect(result.data?.openSupportSession.messages[0]?.body).toHaveLength(4000);
    });
  });

  describe('sendSupportMessage', () => {
    it('adds the customer’s message after the others and publishes it', async () => {
      const { session, customer } = await sessionIn('OPEN');
      const published = await nextNotice(messagesTopic(session.id));
      const result = await send(customer, session.id, '  Any news?  ');
      expect(result.errors).toBeUndefined();
      const message = result.data?.sendSupportMessage;
      expect(message).toMatchObject({
        body: 'Any news?',
        sender: { id: customer.id },
        session: { id: session.id, lastMessageAt: message?.createdAt },
      });
      const messages = await storedMessages(session.id);
      expect(messages.map((m) => m.body)).toEqual([`About ${session.subject}`, 'Any news?']);
      expect(messages.at(-1)?.id).toBe(message?.id);
      expect(await published.next()).toEqual({ sessionId: session.id, messageId: message?.id });
      expect((await stored(session.id)).lastMessageAt?.toISOString()).toBe(message?.createdAt);
    });

    it('lets any admin and a non-admin assignee write, in a RESOLVED session too', async () => {
      const { session, customer } = await sessionIn('RESOLVED');
      expect((await send(admin, session.id, 'From an admin')).errors).toBeUndefined();
      await (
        await s()
      ).dataSource
        .getRepository(SupportSession)
        .update({ id: session.id }, { assigneeId: instructor.id });
      expect((await send(instructor, session.id, 'From the assignee')).errors).toBeUndefined();
      expect((await send(customer, session.id, 'Thanks')).errors).toBeUndefined();
      const messages = await storedMessages(session.id);
      expect(messages.map((m) => [m.senderId, m.body]).slice(1)).toEqual([
        [admin.id, 'From an admin'],
        [instructor.id, 'From the assignee'],
        [customer.id, 'Thanks'],
      ]);
    });

    it('is FORBIDDEN to non-participants and UNAUTHENTICATED anonymously', async () => {
      const { session } = await sessionIn('ASSIGNED');
      expect(errorCodes(await send(stranger(), session.id, 'Hi'))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await send(instructor, session.id, 'Hi'))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await send(null, session.id, 'Hi'))).toEqual(['UNAUTHENTICATED']);
      expect(await storedMessages(session.id)).toHaveLength(1);
    });

    it('is CONFLICT in a CLOSED session and NOT_FOUND for an unknown one', async () => {
      const { session, customer } = await sessionIn('CLOSED');
      expect(errorCodes(await send(customer, session.id, 'Hello?'))).toEqual(['CONFLICT']);
      expect(errorCodes(await send(admin, session.id, 'Hello?'))).toEqual(['CONFLICT']);
      expect(await storedMessages(session.id)).toHaveLength(1);
      expect(errorCodes(await send(admin, randomUUID(), 'Hello?'))).toEqual(['NOT_FOUND']);
    });

    it.each([
      ['body', 'ok', '   '],
      ['body', 'ok', 'x'.repeat(4001)],
      ['sessionId', 'not-an-id', 'Hello'],
    ])('rejects a bad %s with BAD_USER_INPUT', async (field, sessionId, body) => {
      const { session, customer } = await sessionIn('OPEN');
      const result = await send(customer, sessionId === 'ok' ? session.id : sessionId, body);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(fieldOf(result)).toBe(field);
      expect(await storedMessages(session.id)).toHaveLength(1);
    });

    it('gives concurrent messages of one session increasing ids in commit order', async () => {
      const { session, customer } = await sessionIn('ASSIGNED');
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => send(i % 2 ? admin : customer, session.id, `#${i}`)),
      );
      expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
      const messages = await storedMessages(session.id);
      expect(messages).toHaveLength(41);
      // Each transaction made its id under the row lock after reading the newest one, so
      // id order is commit order; created_at is taken under the same lock.
      const times = messages.map((m) => m.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect((await stored(session.id)).lastMessageAt?.getTime()).toBe(times.at(-1));
    });
  });

  describe('assignSupportSession', () => {
    it('assigns the viewer by default and notifies the session and the queue', async () => {
      const { session } = await sessionIn('OPEN');
      const followers = await nextNotice(sessionTopic(session.id));
      const queue = await nextNotice(QUEUE_TOPIC);
      const result = await assign(admin, session.id);
      expect(result.errors).toBeUndefined();
      expect(result.data?.assignSupportSession).toMatchObject({
        status: 'ASSIGNED',
        assignee: { id: admin.id },
      });
      expect(await stored(session.id)).toMatchObject({ status: 'ASSIGNED', assigneeId: admin.id });
      const notice = { sessionId: session.id, status: 'ASSIGNED', assigneeId: admin.id };
      expect(await followers.next()).toEqual(notice);
      expect(await queue.next()).toEqual(notice);
    });

    it('assigns another admin, and takes up a RESOLVED session again', async () => {
      const { session } = await sessionIn('RESOLVED');
      const other = randomUUID();
      // Support knows admins from auth's events (support.staff): this one as auth tells it.
      await applyAccess(
        await s(),
        accessChanged({ userId: other, role: 'ADMIN', status: 'ACTIVE', version: 1 }),
      );
      const result = await assign(admin, session.id, other);
      expect(result.errors).toBeUndefined();
      expect(await stored(session.id)).toMatchObject({ status: 'ASSIGNED', assigneeId: other });
    });

    it('is FORBIDDEN to students (even the customer) and instructors', async () => {
      const { session, customer } = await sessionIn('OPEN');
      expect(errorCodes(await assign(customer, session.id))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await assign(customer, session.id, customer.id))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await assign(instructor, session.id))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await assign(null, session.id))).toEqual(['UNAUTHENTICATED']);
      expect(await stored(session.id)).toMatchObject({ status: 'OPEN', assigneeId: null });
    });

    it('is CONFLICT for a CLOSED session, NOT_FOUND for an unknown one', async () => {
      const { session } = await sessionIn('CLOSED');
      expect(errorCodes(await assign(admin, session.id))).toEqual(['CONFLICT']);
      expect((await stored(session.id)).status).toBe('CLOSED');
      expect(errorCodes(await assign(admin, randomUUID()))).toEqual(['NOT_FOUND']);
    });

    it.each(['sessionId', 'adminId'])('rejects a malformed %s', async (field) => {
      const { session } = await sessionIn('OPEN');
      const result =
        field === 'sessionId'
          ? await assign(admin, 'nope')
          : await assign(admin, session.id, 'nope');
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(fieldOf(result)).toBe(field);
    });
  });

  describe('setSupportSessionStatus', () => {
    it('lets an admin set any status; OPEN clears the assignee', async () => {
      const { session } = await sessionIn('ASSIGNED');
      const queue = await nextNotice(QUEUE_TOPIC);
      const resolved = await setStatus(admin, session.id, 'RESOLVED');
      expect(resolved.data?.setSupportSessionStatus).toMatchObject({
        status: 'RESOLVED',
        assignee: { id: admin.id },
      });
      expect(await queue.next()).toEqual({
        sessionId: session.id,
        status: 'RESOLVED',
        assigneeId: admin.id,
      });
      expect((await setStatus(admin, session.id, 'CLOSED')).errors).toBeUndefined();
      const reopened = await setStatus(admin, session.id, 'OPEN');
      expect(reopened.data?.setSupportSessionStatus).toMatchObject({
        status: 'OPEN',
        assignee: null,
      });
      expect(await stored(session.id)).toMatchObject({ status: 'OPEN', assigneeId: null });
    });

    it('lets the customer resolve and close their own session', async () => {
      const { session, customer } = await sessionIn('ASSIGNED');
      const resolved = await setStatus(customer, session.id, 'RESOLVED');
      expect(resolved.data?.setSupportSessionStatus.status).toBe('RESOLVED');
      const closed = await setStatus(customer, session.id, 'CLOSED');
      expect(closed.data?.setSupportSessionStatus.status).toBe('CLOSED');
      expect((await stored(session.id)).status).toBe('CLOSED');
    });

    it('is FORBIDDEN to the customer for OPEN or ASSIGNED, and to anyone else', async () => {
      const { session, customer } = await sessionIn('RESOLVED');
      expect(errorCodes(await setStatus(customer, session.id, 'OPEN'))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await setStatus(customer, session.id, 'ASSIGNED'))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await setStatus(stranger(), session.id, 'CLOSED'))).toEqual(['FORBIDDEN']);
      // A non-admin assignee may write in the session, not decide its status.
      await (
        await s()
      ).dataSource
        .getRepository(SupportSession)
        .update({ id: session.id }, { assigneeId: instructor.id });
      expect(errorCodes(await setStatus(instructor, session.id, 'CLOSED'))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await setStatus(null, session.id, 'CLOSED'))).toEqual(['UNAUTHENTICATED']);
      expect((await stored(session.id)).status).toBe('RESOLVED');
    });

    it('is CONFLICT for ASSIGNED without an assignee and for a customer reopening', async () => {
      const { session, customer } = await sessionIn('OPEN');
      expect(errorCodes(await setStatus(admin, session.id, 'ASSIGNED'))).toEqual(['CONFLICT']);
      expect((await stored(session.id)).status).toBe('OPEN');
      expect((await setStatus(customer, session.id, 'CLOSED')).errors).toBeUndefined();
      expect(errorCodes(await setStatus(customer, session.id, 'RESOLVED'))).toEqual(['CONFLICT']);
      expect((await stored(session.id)).status).toBe('CLOSED');
    });

    it('is NOT_FOUND for an unknown session and BAD_USER_INPUT for a malformed id', async () => {
      expect(errorCodes(await setStatus(admin, randomUUID(), 'CLOSED'))).toEqual(['NOT_FOUND']);
      const malformed = await setStatus(admin, 'nope', 'CLOSED');
      expect(errorCodes(malformed)).toEqual(['BAD_USER_INPUT']);
      expect(fieldOf(malformed)).toBe('sessionId');
    });

    it('notifies only real changes', async () => {
      const { session } = await sessionIn('RESOLVED');
      const followers = await nextNotice(sessionTopic(session.id));
      expect((await setStatus(admin, session.id, 'RESOLVED')).errors).toBeUndefined();
      expect((await assign(admin, session.id)).errors).toBeUndefined();
      expect((await assign(admin, session.id)).errors).toBeUndefined();
      // The first notice heard is the assignment: the unchanged status sent none.
      expect(await followers.next()).toMatchObject({ status: 'ASSIGNED' });
    });
  });

  describe('supportMessage', () => {
    it('shows a message to its session’s participants only', async () => {
      const { session, customer } = await sessionIn('ASSIGNED');
      const [message] = await storedMessages(session.id);
      const variables = { id: message?.id };
      for (const viewer of [customer, admin]) {
        const result = await run<{ supportMessage: unknown }>(await s(), MESSAGE, {
          variables,
          viewer,
        });
        expect(result.data?.supportMessage).toEqual({
          id: message?.id,
          body: message?.body,
          sender: { id: customer.id },
          session: { id: session.id },
        });
      }
      expect(errorCodes(await run(await s(), MESSAGE, { variables, viewer: stranger() }))).toEqual([
        'FORBIDDEN',
      ]);
      expect(errorCodes(await run(await s(), MESSAGE, { variables }))).toEqual(['UNAUTHENTICATED']);
    });

    it('is null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
      const missing = await run(await s(), MESSAGE, {
        variables: { id: randomUUID() },
        viewer: admin,
      });
      expect(missing).toEqual({ data: { supportMessage: null } });
      const malformed = await run(await s(), MESSAGE, { variables: { id: 'x' }, viewer: admin });
      expect(errorCodes(malformed)).toEqual(['BAD_USER_INPUT']);
      expect(fieldOf(malformed)).toBe('id');
    });

    it('loads many messages with one statement, and their sessions with one more', async () => {
      const sessions = await Promise.all([sessionIn('OPEN'), sessionIn('OPEN')]);
      const ids = (await Promise.all(sessions.map((x) => storedMessages(x.session.id)))).map(
        (messages) => messages[0]?.id,
      );
      const query = `query($a: ID!, $b: ID!, $c: ID!) {
        a: supportMessage(id: $a) { body session { subject } }
        b: supportMessage(id: $b) { body session { subject } }
        c: supportMessage(id: $c) { body session { subject } }
      }`;
      const sql = sqlLoggerOf((await s()).dataSource);
      sql.reset();
      const result = await run<Record<string, { session: { subject: string } } | null>>(
        await s(),
        query,
        { variables: { a: ids[0], b: ids[1], c: randomUUID() }, viewer: admin },
      );
      expect(result.errors).toBeUndefined();
      expect(sql.statements).toBe(2);
      expect(result.data?.a?.session.subject).toBe(sessions[0]?.session.subject);
      expect(result.data?.b?.session.subject).toBe(sessions[1]?.session.subject);
      expect(result.data?.c).toBeNull();
    });
  });
});
