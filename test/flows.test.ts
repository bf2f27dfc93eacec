import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../subgraphs/shared/demo/catalog';
import { postGraphQL, startSupergraph, type RunningSupergraph } from './supergraph';

/**
 * The contract's flows end to end, as a frontend sends them: one gateway URL, real
 * tokens, every subgraph behind it, events travelling on the in-process bus.
 */
const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      accessToken
      refreshToken
      user {
        id
        email
      }
    }
  }
`;
const LOG_IN = /* GraphQL */ `
  mutation LogIn($email: String!, $password: String!) {
    logIn(email: $email, password: $password) {
      accessToken
    }
  }
`;
const ME = /* GraphQL */ `
  query Me {
    me {
      id
      name
      email
    }
  }
`;

interface SignedUp {
  signUp: { accessToken: string; refreshToken: string; user: { id: string; email: string } };
}

const codesOf = (body: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  (body.errors ?? []).map((e) => e.extensions?.code);

describe('contract flows through the gateway', () => {
  let supergraph: RunningSupergraph;
  const gql = <D = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ) => postGraphQL<D>(supergraph.gatewayUrl, query, { variables, token });

  const signUp = async (firstName = 'Flow', lastName = 'Tester') => {
    const email = `flow-${randomUUID()}@campus.test`;
    const { body } = await gql<SignedUp>(SIGN_UP, {
      input: { email, password: 'long-enough-password', firstName, lastName },
    });
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data.signUp;
  };
  const logIn = async (key: string): Promise<string> => {
    const { body } = await gql<{ logIn: { accessToken: string } }>(LOG_IN, {
      email: `${key}@campus.test`,
      password: DEMO_PASSWORD,
    });
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data.logIn.accessToken;
  };

  beforeAll(async () => {
    supergraph = await startSupergraph();
  });
  afterAll(async () => supergraph.stop());

  it('me { name } right after signUp, without retries (read-your-writes)', async () => {
    const { accessToken, user } = await signUp('Grace', 'Brewster');
    const { body } = await gql<{ me: { id: string; name: string; email: string } }>(
      ME,
      {},
      accessToken,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.me).toEqual({ id: user.id, name: 'Grace Brewster', email: user.email });
  });

  it('registerForCourse right after publishCourse, without retries', async () => {
    const instructor = await logIn('instructor1');
    const created = await gql<{ createCourse: { id: string; status: string } }>(
      /* GraphQL */ `
        mutation Create($input: CreateCourseInput!) {
          createCourse(input: $input) {
            id
            status
          }
        }
      `,
      {
        input: {
          slug: `flow-${randomUUID().slice(0, 8)}`,
          title: 'Flow course',
          level: 'BEGINNER',
          capacity: 3,
        },
      },
      instructor,
    );
    expect(created.body.errors).toBeUndefined();
    const courseId = created.body.data?.createCourse.id;
    const published = await gql(
      `mutation($id: ID!) { publishCourse(id: $id) { status } }`,
      { id: courseId },
      instructor,
    );
    expect(published.body.data).toEqual({ publishCourse: { status: 'PUBLISHED' } });

    const student = await signUp();
    const { body } = await gql<{
      registerForCourse: { status: string; course: { title: string; seatsLeft: number } };
    }>(
      /* GraphQL */ `
        mutation Register($input: RegisterForCourseInput!) {
          registerForCourse(input: $input) {
            status
            course {
              title
              seatsLeft
            }
          }
        }
      `,
      { input: { courseId, idempotencyKey: randomUUID() } },
      student.accessToken,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.registerForCourse).toEqual({
      status: 'PENDING',
      course: { title: 'Flow course', seatsLeft: 2 },
    });
  });

  it('50 students racing for 10 seats: exactly 10 bookings, 40 CONFLICT, seatsLeft 0', async () => {
    const instructor = await logIn('instructor2');
    const created = await gql<{ createCourse: { id: string } }>(
      `mutation($input: CreateCourseInput!) { createCourse(input: $input) { id } }`,
      {
        input: {
          slug: `race-${randomUUID().slice(0, 8)}`,
          title: 'Race course',
          level: 'ADVANCED',
          capacity: 10,
        },
      },
      instructor,
    );
    const courseId = created.body.data?.createCourse.id;
    await gql(`mutation($id: ID!) { publishCourse(id: $id) { id } }`, { id: courseId }, instructor);

    const students = await Promise.all(Array.from({ length: 50 }, () => signUp()));
    const results = await Promise.all(
      students.map((s) =>
        gql(
          `mutation($input: RegisterForCourseInput!) { registerForCourse(input: $input) { id } }`,
          { input: { courseId, idempotencyKey: 'race' } },
          s.accessToken,
        ),
      ),
    );
    const booked = results.filter((r) => r.body.data?.registerForCourse);
    const conflicts = results.filter((r) => codesOf(r.body).includes('CONFLICT'));
    expect(booked).toHaveLength(10);
    expect(conflicts).toHaveLength(40);

    const { body } = await gql<{ course: { seatsLeft: number } }>(
      `query($id: ID!) { course(id: $id) { seatsLeft } }`,
      { id: courseId },
    );
    expect(body.data?.course.seatsLeft).toBe(0);
  });

  it('logOut: the gateway rejects the access token on the very next request', async () => {
    const { accessToken } = await signUp();
    expect((await gql(ME, {}, accessToken)).body.errors).toBeUndefined();

    const out = await gql<{ logOut: boolean }>(`mutation { logOut }`, {}, accessToken);
    expect(out.body.data).toEqual({ logOut: true });

    const after = await gql(ME, {}, accessToken);
    expect(codesOf(after.body)).toEqual(['UNAUTHENTICATED']);
  });

  it('a replayed refresh token ends the session for everyone holding it', async () => {
    const { refreshToken } = await signUp();
    const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`;
    const first = await gql<{ refreshToken: { accessToken: string; refreshToken: string } }>(
      REFRESH,
      { t: refreshToken },
    );
    const rotated = first.body.data?.refreshToken;
    expect(rotated?.accessToken).toBeTruthy();

    const replay = await gql(REFRESH, { t: refreshToken });
    expect(codesOf(replay.body)).toEqual(['UNAUTHENTICATED']);
    // The thief's replay revoked the session: the rotated tokens are dead too.
    expect(codesOf((await gql(REFRESH, { t: rotated?.refreshToken })).body)).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(codesOf((await gql(ME, {}, rotated?.accessToken)).body)).toEqual(['UNAUTHENTICATED']);
  });

  it('the wrong role and the wrong owner are FORBIDDEN by the owning subgraph', async () => {
    const student = await signUp();
    const asStudent = await gql(
      `mutation($input: CreateRoomInput!) { createRoom(input: $input) { id } }`,
      { input: { name: `Room ${randomUUID()}`, capacity: 10 } },
      student.accessToken,
    );
    expect(codesOf(asStudent.body)).toEqual(['FORBIDDEN']);

    const instructor2 = await logIn('instructor2');
    const { body } = await gql<{ course: { id: string } }>(
      `query { course(slug: "graphql-federation-101") { id } }`,
    );
    const othersCourse = await gql(
      `mutation($id: ID!) { updateCourse(id: $id, input: { title: "Hijacked" }) { id } }`,
      { id: body.data?.course.id },
      instructor2,
    );
    expect(codesOf(othersCourse.body)).toEqual(['FORBIDDEN']);
  });
});
