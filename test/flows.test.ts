import { randomUUID } from 'node:crypto';
import { createCampusClient, type ExecuteResult } from '../clients/campus-client';
import {
  FlowCourseBySlugDocument,
  FlowCreateCourseDocument,
  FlowCreateRoomDocument,
  FlowMeDocument,
  FlowPublishCourseDocument,
  FlowRegisterDocument,
  FlowRenameCourseDocument,
  FlowSeatsLeftDocument,
  LogInDocument,
  LogOutDocument,
  RefreshTokenDocument,
  SignUpDocument,
} from '../clients/generated/graphql';
import { DEMO_PASSWORD } from '../subgraphs/shared/demo/catalog';
import { startSupergraph, type RunningSupergraph } from './supergraph';

/**
 * The contract's flows end to end, as a frontend sends them: one gateway URL, real
 * tokens, every subgraph behind it, events travelling on the in-process bus. Operations
 * are the typed documents of clients/operations/test/flows.graphql, sent by campus-client.
 */
const codesOf = (result: ExecuteResult<unknown>) =>
  (result.errors ?? []).map((e) => e.extensions?.code);

describe('contract flows through the gateway', () => {
  let supergraph: RunningSupergraph;
  /** A client holding only `accessToken` (no refresh token): a refused token stays refused. */
  const as = (accessToken?: string) =>
    createCampusClient({
      url: supergraph.gatewayUrl,
      session: accessToken ? { accessToken } : null,
    });

  const signUp = async (firstName = 'Flow', lastName = 'Tester') => {
    const email = `flow-${randomUUID()}@campus.test`;
    const { signUp } = await as().request(SignUpDocument, {
      input: { email, password: 'long-enough-password', firstName, lastName },
    });
    return signUp;
  };
  const logIn = async (key: string): Promise<string> => {
    const { logIn } = await as().request(LogInDocument, {
      email: `${key}@campus.test`,
      password: DEMO_PASSWORD,
    });
    return logIn.accessToken;
  };

  beforeAll(async () => {
    supergraph = await startSupergraph();
  });
  afterAll(async () => supergraph.stop());

  it('me { name } right after signUp, without retries (read-your-writes)', async () => {
    const { accessToken, user } = await signUp('Grace', 'Brewster');
    const { data, errors } = await as(accessToken).execute(FlowMeDocument);
    expect(errors).toBeUndefined();
    expect(data?.me).toEqual({ id: user.id, name: 'Grace Brewster', email: user.email });
  });

  it('registerForCourse right after publishCourse, without retries', async () => {
    const instructor = as(await logIn('instructor1'));
    const created = await instructor.execute(FlowCreateCourseDocument, {
      input: {
        slug: `flow-${randomUUID().slice(0, 8)}`,
        title: 'Flow course',
        level: 'BEGINNER',
        capacity: 3,
      },
    });
    expect(created.errors).toBeUndefined();
    const courseId = created.data?.createCourse.id ?? '';
    const published = await instructor.execute(FlowPublishCourseDocument, { id: courseId });
    expect(published.data?.publishCourse.status).toBe('PUBLISHED');

    const student = await signUp();
    const { data, errors } = await as(student.accessToken).execute(FlowRegisterDocument, {
      input: { courseId, idempotencyKey: randomUUID() },
    });
    expect(errors).toBeUndefined();
    const booking = data?.registerForCourse;
    expect({ status: booking?.status, course: booking?.course }).toEqual({
      status: 'PENDING',
      course: { title: 'Flow course', seatsLeft: 2 },
    });
  });

  it('50 students racing for 10 seats: exactly 10 bookings, 40 CONFLICT, seatsLeft 0', async () => {
    const instructor = as(await logIn('instructor2'));
    const created = await instructor.request(FlowCreateCourseDocument, {
      input: {
        slug: `race-${randomUUID().slice(0, 8)}`,
        title: 'Race course',
        level: 'ADVANCED',
        capacity: 10,
      },
    });
    const courseId = created.createCourse.id;
    await instructor.request(FlowPublishCourseDocument, { id: courseId });

    const students = await Promise.all(Array.from({ length: 50 }, () => signUp()));
    const results = await Promise.all(
      students.map((s) =>
        as(s.accessToken).execute(FlowRegisterDocument, {
          input: { courseId, idempotencyKey: 'race' },
        }),
      ),
    );
    const booked = results.filter((r) => r.data?.registerForCourse);
    const conflicts = results.filter((r) => codesOf(r).includes('CONFLICT'));
    expect(booked).toHaveLength(10);
    expect(conflicts).toHaveLength(40);

    const { course } = await as().request(FlowSeatsLeftDocument, { id: courseId });
    expect(course?.seatsLeft).toBe(0);
  });

  it('logOut: the gateway rejects the access token on the very next request', async () => {
    const { accessToken } = await signUp();
    const client = as(accessToken);
    expect((await client.execute(FlowMeDocument)).errors).toBeUndefined();

    const out = await client.execute(LogOutDocument);
    expect(out.data).toEqual({ logOut: true });

    const after = await client.execute(FlowMeDocument);
    expect(codesOf(after)).toEqual(['UNAUTHENTICATED']);
  });

  it('a replayed refresh token ends the session for everyone holding it', async () => {
    const { refreshToken } = await signUp();
    const refresh = (token: string) => as().execute(RefreshTokenDocument, { refreshToken: token });
    const first = await refresh(refreshToken);
    const rotated = first.data?.refreshToken;
    expect(rotated?.accessToken).toBeTruthy();

    const replay = await refresh(refreshToken);
    expect(codesOf(replay)).toEqual(['UNAUTHENTICATED']);
    // The thief's replay revoked the session: the rotated tokens are dead too.
    expect(codesOf(await refresh(rotated?.refreshToken ?? ''))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await as(rotated?.accessToken).execute(FlowMeDocument))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it('the wrong role and the wrong owner are FORBIDDEN by the owning subgraph', async () => {
    const student = await signUp();
    const asStudent = await as(student.accessToken).execute(FlowCreateRoomDocument, {
      input: { name: `Room ${randomUUID()}`, capacity: 10 },
    });
    expect(codesOf(asStudent)).toEqual(['FORBIDDEN']);

    const instructor2 = as(await logIn('instructor2'));
    const { course } = await as().request(FlowCourseBySlugDocument, {
      slug: 'graphql-federation-101',
    });
    const othersCourse = await instructor2.execute(FlowRenameCourseDocument, {
      id: course?.id ?? '',
      title: 'Hijacked',
    });
    expect(codesOf(othersCourse)).toEqual(['FORBIDDEN']);
  });
});
