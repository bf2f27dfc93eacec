import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD, demoCourse } from '../subgraphs/shared/demo/catalog';
import { testLog } from '../test/helpers';
import { postGraphQL, startSupergraph, type RunningSupergraph } from '../test/supergraph';
import { createGateway, type CampusGateway } from './app';

/**
 * What a client sees of an error, through the public gateway: the subgraph's own message
 * and contract code, nothing of internal hosts or bodies (in production and development),
 * an error for every null the schema does not allow, and no schema hints in production.
 */
const ALLOWED_EXTENSIONS = ['code', 'field', 'retryAfterSeconds', 'service', 'reason'];

describe('errors as clients see them', () => {
  let supergraph: RunningSupergraph;
  let production: CampusGateway;
  let productionUrl: string;
  beforeAll(async () => {
    supergraph = await startSupergraph();
    production = createGateway(
      { ...supergraph.config, production: true, nodeEnv: 'production' },
      testLog,
    );
    await production.start();
    productionUrl = await production.listen(0);
  });
  afterAll(async () => {
    await production?.stop();
    await supergraph?.stop();
  });

  const logIn = async (url: string, email: string, password = DEMO_PASSWORD) =>
    postGraphQL<{ logIn: { accessToken: string } }>(
      url,
      'mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { accessToken } }',
      { variables: { e: email, p: password } },
    );

  const signUp = async (firstName: string) => {
    const { body } = await postGraphQL<{
      signUp: { accessToken: string; user: { id: string } };
    }>(
      supergraph.gatewayUrl,
      'mutation($i: SignUpInput!) { signUp(input: $i) { accessToken user { id } } }',
      {
        variables: {
          i: {
            email: `shaping-${randomUUID()}@campus.test`,
            password: 'long-enough-password',
            firstName,
            lastName: 'Tester',
          },
        },
      },
    );
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };

  describe.each([
    ['production', () => productionUrl],
    ['development', () => supergraph.gatewayUrl],
  ])('in %s', (_mode, url) => {
    it('a subgraph error arrives as its own message and code, with no URL, status or body', async () => {
      const { status, body } = await logIn(url(), 'student2@campus.test', 'wrong-password');
      expect(status).toBe(200);
      expect(body.data).toBeNull();
      expect(body.errors).toHaveLength(1);
      const [error] = body.errors ?? [];
      expect(error?.message).toBe('Email or password is incorrect.');
      expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(
        Object.keys(error?.extensions ?? {}).every((k) => ALLOWED_EXTENSIONS.includes(k)),
      ).toBe(true);
      const text = JSON.stringify(body);
      expect(text).not.toMatch(/localhost|127\.0\.0\.1|http:\/\/|401|serviceName|response/);
    });

    it('BAD_USER_INPUT keeps its field', async () => {
      const { body } = await postGraphQL(
        url(),
        `mutation { signUp(input: { email: "x@campus.test", password: "short", firstName: "X", lastName: "Y" }) { accessToken } }`,
      );
      expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'password' });
    });
  });

  it('in production, validation and coercion errors do not suggest schema names', async () => {
    const hints = [
      '{ me { emai } }',
      '{ courses(frist: 1) { totalCount } }',
      '{ courses(filter: { status: PUBLISHE }) { totalCount } }',
      '{ courses(filter: { serch: "x" }) { totalCount } }',
    ];
    for (const query of hints) {
      const { body } = await postGraphQL(productionUrl, query);
      expect(body.errors?.length).toBeGreaterThan(0);
      for (const error of body.errors ?? []) expect(error.message).not.toMatch(/Did you mean/);
      // Development keeps the hints: they help people writing queries.
      const dev = await postGraphQL(supergraph.gatewayUrl, query);
      expect(dev.body.errors?.some((e) => /Did you mean/.test(e.message))).toBe(true);
    }
    const coercion = await postGraphQL(
      productionUrl,
      'query($s: CourseStatus) { courses(filter: { status: $s }) { totalCount } }',
      { variables: { s: 'PUBLISHE' } },
    );
    expect(coercion.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(coercion.body.errors?.[0]?.message).not.toMatch(/Did you mean|PUBLISHED/);
  });

  it('an account without a profile does not blank the admin support queue', async () => {
    const { signUp: student } = await signUp('Lost');
    const token = student.accessToken;
    const userId = student.user.id;
    await postGraphQL(
      supergraph.gatewayUrl,
      'mutation { openSupportSession(subject: "Where is my profile?", message: "Hello") { id } }',
      { token },
    );
    // As if user.registered had not been applied yet.
    const users = supergraph.subgraphs.find((s) => s.name === 'users');
    await users?.dataSource.query('DELETE FROM "users"."profiles" WHERE "id" = $1', [userId]);

    const admin = (await logIn(supergraph.gatewayUrl, 'admin@campus.test')).body.data?.logIn;
    const { body } = await postGraphQL<{
      supportQueue: { subject: string; customer: { id: string; name: string } }[];
    }>(supergraph.gatewayUrl, '{ supportQueue { subject customer { id name } } }', {
      token: admin?.accessToken,
    });
    expect(body.errors).toBeUndefined();
    const queue = body.data?.supportQueue ?? [];
    expect(queue.length).toBeGreaterThan(1);
    expect(queue.find((s) => s.customer.id === userId)?.customer.name).toBe('');
    expect(queue.filter((s) => s.customer.name !== '').length).toBeGreaterThan(0);
  });

  it('a null the schema forbids comes with an error saying where, not only data: null', async () => {
    const student = (await signUp('Ghost')).signUp;
    const course = demoCourse('graphql-federation-101');
    const registered = await postGraphQL<{ registerForCourse: { id: string } }>(
      supergraph.gatewayUrl,
      'mutation($i: RegisterForCourseInput!) { registerForCourse(input: $i) { id } }',
      {
        token: student?.accessToken,
        variables: { i: { courseId: course.id, idempotencyKey: randomUUID() } },
      },
    );
    const bookingId = registered.body.data?.registerForCourse.id;
    expect(bookingId).toBeDefined();
    // The booking now points at a course the course subgraph cannot resolve.
    const booking = supergraph.subgraphs.find((s) => s.name === 'booking');
    const ghost = randomUUID();
    await booking?.dataSource.query(
      'UPDATE "booking"."bookings" SET "course_id" = $1 WHERE "id" = $2',
      [ghost, bookingId],
    );
    try {
      const { body } = await postGraphQL<{ booking: { id: string; course: { title: string } } }>(
        supergraph.gatewayUrl,
        'query($id: ID!) { booking(id: $id) { id course { title } } }',
        { token: student?.accessToken, variables: { id: bookingId } },
      );
      expect(body.data).toEqual({ booking: null });
      expect(body.errors?.length).toBeGreaterThan(0);
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'INTERNAL_SERVER_ERROR',
        reason: 'INCOMPLETE_RESULT',
      });
      expect(body.errors?.[0]?.message).toMatch(/null/i);
      expect(JSON.stringify(body)).not.toMatch(/valueCompletion/);
    } finally {
      await booking?.dataSource.query(
        'UPDATE "booking"."bookings" SET "course_id" = $1 WHERE "id" = $2',
        [course.id, bookingId],
      );
      // Other test files count this demo course's seats: give the seat back.
      await postGraphQL(
        supergraph.gatewayUrl,
        'mutation($id: ID!) { cancelBooking(id: $id) { id } }',
        {
          token: student?.accessToken,
          variables: { id: bookingId },
        },
      );
    }
  });
});
