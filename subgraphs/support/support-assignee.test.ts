import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { untilEventsDelivered } from '../../test/events-delivered';
import { testConfig, testLog } from '../../test/helpers';
import { postGraphQL, startSupergraph, type RunningSupergraph } from '../../test/supergraph';
import { DEMO_PASSWORD, demoUser } from '../shared/demo/catalog';
import type { DomainEvent } from '../shared/events/catalog';
import { InProcessEventBus } from '../shared/events/in-process-bus';
import type { SubgraphService } from '../shared/server';
import { StaffAccount } from './entities/staff-account';
import { SupportSession } from './entities/support-session';
import type { Loaders } from './loaders';
import { assignSupportSession } from './services/assign-session';
import { sessionTopic } from './services/topics';
import { buildSupportSubgraph } from './subgraph';
import { accessChanged, applyAccess, openedBy, stranger } from './test-kit';

/**
 * Security finding "an admin can assign a support session to a student": only an active
 * ADMIN can be an assignee. Support learns roles from auth's events (support.staff), and
 * an admin demoted or suspended loses the sessions assigned to them.
 */

const PASSWORD = 'long-enough-password';
const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } } }`;
const LOG_IN = `mutation($email: String!, $password: String!) {
  logIn(email: $email, password: $password) { accessToken } }`;
const OPEN = `mutation($subject: String!, $message: String!) {
  openSupportSession(subject: $subject, message: $message) { id } }`;
const ASSIGN = `mutation($sessionId: ID!, $adminId: ID) {
  assignSupportSession(sessionId: $sessionId, adminId: $adminId) { id status assignee { id } } }`;
const SESSION = `query($id: ID!) { supportSession(id: $id) { id status assignee { id } } }`;
const MINE = `query { mySupportSessions { id } }`;
const SET_ROLE = `mutation($userId: ID!, $role: Role!) { setUserRole(userId: $userId, role: $role) { role } }`;
const SET_STATUS = `mutation($userId: ID!, $status: AccountStatus!) {
  setAccountStatus(userId: $userId, status: $status) { status } }`;

interface GqlError {
  message: string;
  extensions?: Record<string, unknown>;
}
interface SessionView {
  id: string;
  status: string;
  assignee: { id: string } | null;
}
interface Account {
  id: string;
  email: string;
  token: string;
}

const codesOf = (errors: readonly GqlError[] | undefined) =>
  (errors ?? []).map((e) => e.extensions?.code);
const fieldsOf = (errors: readonly GqlError[] | undefined) =>
  (errors ?? []).map((e) => e.extensions?.field);

describe('support assignees through the gateway', () => {
  let supergraph: RunningSupergraph;
  let adminToken: string;

  const gql = async <D>(query: string, variables: Record<string, unknown>, token?: string) =>
    (await postGraphQL<D>(supergraph.gatewayUrl, query, { variables, token })).body;
  const logIn = async (email: string, password = PASSWORD): Promise<string> => {
    const body = await gql<{ logIn: { accessToken: string } }>(LOG_IN, { email, password });
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data.logIn.accessToken;
  };
  const signUp = async (): Promise<Account> => {
    const email = `assignee-${randomUUID()}@campus.test`;
    const body = await gql<{ signUp: { accessToken: string; user: { id: string } } }>(SIGN_UP, {
      input: { email, password: PASSWORD, firstName: 'Sam', lastName: 'Assignee' },
    });
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return { id: body.data.signUp.user.id, email, token: body.data.signUp.accessToken };
  };
  /** A session opened by a fresh student, as the gateway sees it. */
  const openSession = async (): Promise<string> => {
    const customer = await signUp();
    const body = await gql<{ openSupportSession: { id: string } }>(
      OPEN,
      { subject: 'My grades are missing', message: 'Only I should read this.' },
      customer.token,
    );
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data.openSupportSession.id;
  };
  const assign = (sessionId: string, adminId?: string, token = adminToken) =>
    gql<{ assignSupportSession: SessionView }>(ASSIGN, { sessionId, adminId }, token);
  const session = (id: string, token = adminToken) =>
    gql<{ supportSession: SessionView | null }>(SESSION, { id }, token);
  const setRole = async (userId: string, role: string) => {
    const body = await gql(SET_ROLE, { userId, role }, adminToken);
    expect(body.errors).toBeUndefined();
  };
  const setStatus = async (userId: string, status: string) => {
    const body = await gql(SET_STATUS, { userId, status }, adminToken);
    expect(body.errors).toBeUndefined();
  };

  beforeAll(async () => {
    supergraph = await startSupergraph();
    // support.staff starts at the beginning of auth's outbox: let it catch up first.
    await untilEventsDelivered(supergraph.subgraphs);
    adminToken = await logIn(demoUser('admin').email, DEMO_PASSWORD);
  });
  afterAll(async () => supergraph.stop());

  it('refuses a student as assignee: BAD_USER_INPUT on adminId, the session untouched', async () => {
    const sessionId = await openSession();
    const student = await signUp();
    const body = await assign(sessionId, student.id);
    expect(codesOf(body.errors)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(body.errors)).toEqual(['adminId']);
    expect(body.errors?.[0]?.message).toMatch(/active admin/);
    expect((await session(sessionId)).data?.supportSession).toEqual({
      id: sessionId,
      status: 'OPEN',
      assignee: null,
    });
    // So the student cannot read another student's chat.
    expect(codesOf((await session(sessionId, student.token)).errors)).toEqual(['FORBIDDEN']);
  });

  it('refuses an id that names no account, and an instructor', async () => {
    const sessionId = await openSession();
    const unknown = await assign(sessionId, randomUUID());
    expect(codesOf(unknown.errors)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(unknown.errors)).toEqual(['adminId']);
    const instructor = await assign(sessionId, demoUser('instructor1').id);
    expect(fieldsOf(instructor.errors)).toEqual(['adminId']);
    expect((await session(sessionId)).data?.supportSession?.status).toBe('OPEN');
  });

  it('assigns the viewer by default, and a seeded admin by id', async () => {
    const sessionId = await openSession();
    const admin = demoUser('admin').id;
    expect((await assign(sessionId)).data?.assignSupportSession.assignee).toEqual({ id: admin });
    const other = await signUp();
    await setRole(other.id, 'ADMIN');
    const otherToken = await logIn(other.email);
    const body = await assign(sessionId, admin, otherToken);
    expect(body.errors).toBeUndefined();
    expect(body.data?.assignSupportSession).toMatchObject({ assignee: { id: admin } });
  });

  it('a student promoted to ADMIN can be assigned at once; demoted, they lose the session', async () => {
    const sessionId = await openSession();
    const staff = await signUp();
    await setRole(staff.id, 'ADMIN');
    // No retry: setUserRole waited for support's staff view (read-your-writes).
    const assigned = await assign(sessionId, staff.id);
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data?.assignSupportSession).toEqual({
      id: sessionId,
      status: 'ASSIGNED',
      assignee: { id: staff.id },
    });
    const asAdmin = await logIn(staff.email);
    expect((await session(sessionId, asAdmin)).data?.supportSession?.id).toBe(sessionId);

    await setRole(staff.id, 'STUDENT');
    const asStudent = await logIn(staff.email);
    expect(codesOf((await session(sessionId, asStudent)).errors)).toEqual(['FORBIDDEN']);
    const mine = await gql<{ mySupportSessions: { id: string }[] }>(MINE, {}, asStudent);
    expect(mine.data?.mySupportSessions.map((s) => s.id)).not.toContain(sessionId);
    // Back in the queue for a real admin; the former admin cannot be assigned again.
    expect((await session(sessionId)).data?.supportSession).toEqual({
      id: sessionId,
      status: 'OPEN',
      assignee: null,
    });
    expect(fieldsOf((await assign(sessionId, staff.id)).errors)).toEqual(['adminId']);
  });

  it('a suspended admin loses their sessions and cannot be assigned until reactivated', async () => {
    const sessionId = await openSession();
    const staff = await signUp();
    await setRole(staff.id, 'ADMIN');
    expect((await assign(sessionId, staff.id)).errors).toBeUndefined();

    await setStatus(staff.id, 'SUSPENDED');
    expect((await session(sessionId)).data?.supportSession).toMatchObject({
      status: 'OPEN',
      assignee: null,
    });
    expect(fieldsOf((await assign(sessionId, staff.id)).errors)).toEqual(['adminId']);

    await setStatus(staff.id, 'ACTIVE');
    expect((await assign(sessionId, staff.id)).errors).toBeUndefined();
  });
});

describe('support.staff consumer', () => {
  // Its own bus: the consumer is driven by hand here, with events as auth records them.
  const service = testConfig().then((config) =>
    buildSupportSubgraph(config, testLog, { bus: new InProcessEventBus(testLog) }),
  );
  const s = () => service as Promise<SubgraphService<Loaders>>;
  beforeAll(async () => (await s()).start());
  afterAll(async () => (await s()).stop());

  const admin = stranger('ADMIN');
  const handle = async (event: DomainEvent) => applyAccess(await s(), event);
  const viewRow = async (userId: string) =>
    (await s()).dataSource.getRepository(StaffAccount).findOneBy({ userId });
  const stored = async (id: string) =>
    (await s()).dataSource.getRepository(SupportSession).findOneByOrFail({ id });
  const processed = async (ids: string[]) => {
    const [row] = (await (
      await s()
    ).dataSource.query(
      `SELECT count(*)::int AS n FROM "support"."processed_events"
        WHERE "consumer_group" = 'support.staff' AND "event_id" = ANY($1::uuid[])`,
      [ids],
    )) as { n: number }[];
    return row?.n;
  };
  const assignTo = async (sessionId: string, adminId: string) =>
    assignSupportSession((await s()).services, admin, { sessionId, adminId });
  const registered = (userId: string, role: 'STUDENT' | 'ADMIN'): DomainEvent => ({
    id: uuidv7(),
    type: 'user.registered',
    producer: 'auth',
    occurredAt: new Date(),
    payload: { userId, email: `${userId}@campus.test`, firstName: 'A', lastName: 'B', role },
  });

  it('a redelivered event changes nothing, sessions included', async () => {
    const userId = randomUUID();
    const promoted = accessChanged({ userId, role: 'ADMIN', status: 'ACTIVE', version: 1 });
    const demoted = accessChanged({ userId, role: 'STUDENT', status: 'ACTIVE', version: 2 });
    const again = accessChanged({ userId, role: 'ADMIN', status: 'ACTIVE', version: 3 });
    const customer = stranger();
    const session = await openedBy(await s(), customer);

    await handle(promoted);
    await assignTo(session.id, userId);
    const notices = (await s()).services.pubsub.subscribe<Record<string, unknown>>(
      sessionTopic(session.id),
    );
    const notice = notices.next();
    await handle(demoted);
    expect(await stored(session.id)).toMatchObject({ status: 'OPEN', assigneeId: null });
    expect((await notice).value).toEqual({
      sessionId: session.id,
      status: 'OPEN',
      assigneeId: null,
    });
    await notices.return?.();

    await handle(again);
    await assignTo(session.id, userId);
    // The demotion delivered once more (a crash before the cursor moved, say).
    await handle(demoted);
    await handle(promoted);
    expect(await stored(session.id)).toMatchObject({ status: 'ASSIGNED', assigneeId: userId });
    expect(await viewRow(userId)).toMatchObject({ role: 'ADMIN', status: 'ACTIVE', version: 3 });
    expect(await processed([promoted.id, demoted.id, again.id])).toBe(3);
  });

  it('a stale event (an older version under a new id) changes nothing', async () => {
    const userId = randomUUID();
    const session = await openedBy(await s(), stranger());
    await handle(accessChanged({ userId, role: 'ADMIN', status: 'ACTIVE', version: 5 }));
    await assignTo(session.id, userId);

    await handle(accessChanged({ userId, role: 'STUDENT', status: 'ACTIVE', version: 4 }));
    await handle(accessChanged({ userId, role: 'ADMIN', status: 'SUSPENDED', version: 5 }));
    await handle(registered(userId, 'ADMIN'));
    expect(await viewRow(userId)).toMatchObject({ role: 'ADMIN', status: 'ACTIVE', version: 5 });
    expect(await stored(session.id)).toMatchObject({ status: 'ASSIGNED', assigneeId: userId });

    // And the other way: a late promotion does not undo a newer suspension.
    await handle(accessChanged({ userId, role: 'ADMIN', status: 'SUSPENDED', version: 6 }));
    await handle(accessChanged({ userId, role: 'ADMIN', status: 'ACTIVE', version: 3 }));
    expect(await viewRow(userId)).toMatchObject({ status: 'SUSPENDED', version: 6 });
    expect(await stored(session.id)).toMatchObject({ status: 'OPEN', assigneeId: null });
    await expect(assignTo(session.id, userId)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'adminId' },
    });
  });

  it('keeps no row for a registered student; a registered admin is staff at version 0', async () => {
    const student = randomUUID();
    await handle(registered(student, 'STUDENT'));
    expect(await viewRow(student)).toBeNull();

    const seededAdmin = randomUUID();
    await handle(registered(seededAdmin, 'ADMIN'));
    expect(await viewRow(seededAdmin)).toMatchObject({ role: 'ADMIN', version: 0 });
    const session = await openedBy(await s(), stranger());
    await expect(assignTo(session.id, seededAdmin)).resolves.toMatchObject({
      assigneeId: seededAdmin,
    });
  });

  it('closed and resolved sessions lose a demoted assignee too, keeping their status', async () => {
    const userId = randomUUID();
    await handle(accessChanged({ userId, role: 'ADMIN', status: 'ACTIVE', version: 1 }));
    const closed = await openedBy(await s(), stranger());
    await assignTo(closed.id, userId);
    await (
      await s()
    ).dataSource
      .getRepository(SupportSession)
      .update({ id: closed.id }, { status: 'CLOSED' });
    await handle(accessChanged({ userId, role: 'INSTRUCTOR', status: 'ACTIVE', version: 2 }));
    expect(await stored(closed.id)).toMatchObject({ status: 'CLOSED', assigneeId: null });
  });

  it('skips an event it could never apply instead of failing on it forever', async () => {
    const bad = accessChanged({
      userId: 'not-a-uuid',
      role: 'ADMIN',
      status: 'ACTIVE',
      version: 1,
    });
    await expect(handle(bad)).resolves.toBeUndefined();
    expect(await processed([bad.id])).toBe(0);
  });
});
