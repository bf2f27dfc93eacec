import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { demoViewer, eventually, execute, testConfig, testLog } from '../../test/helpers';
import { subscribe, tokenFor, wsClient, type Subscription } from '../../test/ws';
import type { Viewer } from '../shared/auth/viewer';
import type { CampusConfig } from '../shared/config';
import type { Loaders } from './loaders';
import { buildBookingSubgraph } from './subgraph';
import { freshCourse } from './test-kit';

// bookingUpdated over a real graphql-ws connection to the booking subgraph (as the gateway
// would connect: gateway secret plus the client's token in connection_init). Mutations run
// in-process against the same service, so they publish on the PubSub the socket listens to.

const admin = demoViewer('admin');
const newStudent = (): Viewer => ({
  id: randomUUID(),
  role: 'STUDENT',
  sessionId: randomUUID(),
  tokenId: randomUUID(),
});

const BOOKING_UPDATED = `subscription { bookingUpdated {
  id status decidedAt decisionReason user { id } course { id } decidedBy { id } } }`;
const REGISTER = `mutation($input: RegisterForCourseInput!) {
  registerForCourse(input: $input) { id status } }`;
const CONFIRM = `mutation($id: ID!) { confirmBooking(id: $id) { id status } }`;
const REJECT = `mutation($id: ID!, $reason: String) {
  rejectBooking(id: $id, reason: $reason) { id status } }`;
const CANCEL = `mutation($id: ID!) { cancelBooking(id: $id) { id status } }`;

interface Updated {
  bookingUpdated: {
    id: string;
    status: string;
    decidedAt: string | null;
    decisionReason: string | null;
    user: { id: string };
    course: { id: string };
    decidedBy: { id: string } | null;
  };
}

describe('Subscription.bookingUpdated', () => {
  let config: CampusConfig;
  const service = testConfig().then((loaded) => {
    config = loaded;
    return buildBookingSubgraph(loaded, testLog);
  });
  let url: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    await (await service).start();
    url = await (await service).listen(0);
  });
  // Every test leaves nothing behind: no socket and no PubSub listener.
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await listenersReach(0);
    await connectionsReach(0);
  });
  afterAll(async () => (await service).stop());

  // --- helpers ----------------------------------------------------------------------------

  const listeners = async (): Promise<number> => (await service).services.pubsub.listenerCount();

  /** Waits until the PubSub has exactly `count` listeners (subscribed, or released). */
  const listenersReach = (count: number) =>
    eventually(async () => ((await listeners()) === count ? true : null), 5_000);

  const connectionsReach = async (count: number) =>
    eventually(async () => ((await service).subscriptionConnections() === count ? true : null));

  /** A graphql-ws client as the gateway would open it for `viewer` (null: anonymous). */
  const clientFor = async (viewer: Viewer | null): Promise<Client> => {
    const token = viewer ? await tokenFor(config, viewer) : undefined;
    const client = wsClient(url, { token, gatewaySecret: config.gatewaySecret });
    clients.push(client);
    return client;
  };

  /** Subscribes `viewer` and returns once its PubSub listener is attached. */
  const follow = async (viewer: Viewer): Promise<Subscription<Updated>> => {
    const before = await listeners();
    const subscription = subscribe<Updated>(await clientFor(viewer), BOOKING_UPDATED);
    await listenersReach(before + 1);
    return subscription;
  };

  const run = async <D>(query: string, viewer: Viewer, variables: Record<string, unknown>) => {
    const result = await execute<D, Loaders>(await service, query, { variables, viewer });
    expect(result.errors).toBeUndefined();
    return result.data as D;
  };
  const register = async (viewer: Viewer, courseId: string, idempotencyKey = randomUUID()) =>
    (
      await run<{ registerForCourse: { id: string } }>(REGISTER, viewer, {
        input: { courseId, idempotencyKey },
      })
    ).registerForCourse.id;

  const statuses = (subscription: Subscription<Updated>) =>
    subscription.results.map((result) => [
      result.data?.bookingUpdated.id,
      result.data?.bookingUpdated.status,
    ]);

  /** Lets anything wrongly published arrive before asserting that it did not. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

  // --- tests ------------------------------------------------------------------------------

  it('delivers the viewer’s booking on register, confirm and cancel, in order', async () => {
    const course = await freshCourse(await service);
    const student = newStudent();
    const updates = await follow(student);

    const id = await register(student, course.courseId);
    const [created] = await updates.next(1);
    expect(created?.errors).toBeUndefined();
    expect(created?.data?.bookingUpdated).toEqual({
      id,
      status: 'PENDING',
      decidedAt: null,
      decisionReason: null,
      user: { id: student.id },
      course: { id: course.courseId },
      decidedBy: null,
    });

    // Re-read for each event: the same subscription sees the new status, not a cached one.
    await run(CONFIRM, admin, { id });
    const confirmed = (await updates.next(2))[1]?.data?.bookingUpdated;
    expect(confirmed).toMatchObject({ id, status: 'CONFIRMED', decidedBy: { id: admin.id } });
    expect(confirmed?.decidedAt).not.toBeNull();

    await run(CANCEL, student, { id });
    await updates.next(3);
    await settle();
    expect(statuses(updates)).toEqual([
      [id, 'PENDING'],
      [id, 'CONFIRMED'],
      [id, 'CANCELLED'],
    ]);
    expect(updates.results.every((result) => result.errors === undefined)).toBe(true);
  });

  it('delivers a rejection with its reason', async () => {
    const course = await freshCourse(await service);
    const student = newStudent();
    const updates = await follow(student);
    const id = await register(student, course.courseId);
    await updates.next(1);
    await run(REJECT, admin, { id, reason: 'Course is for seniors' });
    const rejected = (await updates.next(2))[1]?.data?.bookingUpdated;
    expect(rejected).toMatchObject({
      id,
      status: 'REJECTED',
      decisionReason: 'Course is for seniors',
      decidedBy: { id: admin.id },
    });
  });

  it('does not deliver another student’s booking changes', async () => {
    const course = await freshCourse(await service);
    const student = newStudent();
    const other = newStudent();
    const updates = await follow(student);
    const othersUpdates = await follow(other);

    const othersId = await register(other, course.courseId);
    await run(CONFIRM, admin, { id: othersId });
    await run(CANCEL, other, { id: othersId });
    await othersUpdates.next(3);
    // The student's own change comes after the other's three: had any of those been
    // delivered to the student, it would be there first.
    const id = await register(student, course.courseId);
    await updates.next(1);
    await settle();
    expect(statuses(updates)).toEqual([[id, 'PENDING']]);
    expect(statuses(othersUpdates)).toEqual([
      [othersId, 'PENDING'],
      [othersId, 'CONFIRMED'],
      [othersId, 'CANCELLED'],
    ]);
  });

  it('delivers nothing for a replayed idempotent registration', async () => {
    const course = await freshCourse(await service);
    const student = newStudent();
    const updates = await follow(student);
    const key = randomUUID();
    const id = await register(student, course.courseId, key);
    expect(await register(student, course.courseId, key)).toBe(id);
    await run(CANCEL, student, { id });
    await updates.next(2);
    await settle();
    expect(statuses(updates)).toEqual([
      [id, 'PENDING'],
      [id, 'CANCELLED'],
    ]);
  });

  it('refuses an anonymous subscriber with UNAUTHENTICATED and subscribes nothing', async () => {
    const before = await listeners();
    const updates = subscribe<Updated>(await clientFor(null), BOOKING_UPDATED);
    // graphql-ws sends a refused subscription as one result with the error, then completes.
    expect(await updates.ended).toEqual({});
    expect(updates.results).toHaveLength(1);
    expect(updates.results[0]?.data ?? null).toBeNull();
    expect(updates.results[0]?.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(await listeners()).toBe(before);
  });

  it('releases its listener when stopped and its socket when the client is disposed', async () => {
    const course = await freshCourse(await service);
    const student = newStudent();
    const before = await listeners();
    const client = await clientFor(student);
    const updates = subscribe<Updated>(client, BOOKING_UPDATED);
    await listenersReach(before + 1);
    expect((await service).subscriptionConnections()).toBe(1);

    // Stopped while waiting for a notification: released at once, not at the next event.
    updates.stop();
    await listenersReach(before);
    // Nothing is delivered to it any more.
    await register(student, course.courseId);
    await settle();
    expect(updates.results).toEqual([]);

    await client.dispose();
    await connectionsReach(0);
  });

  it('releases its listener when the client goes away without stopping', async () => {
    const student = newStudent();
    const before = await listeners();
    const client = await clientFor(student);
    subscribe<Updated>(client, BOOKING_UPDATED);
    await listenersReach(before + 1);
    await client.dispose();
    await listenersReach(before);
    await connectionsReach(0);
  });
});
