import { randomUUID } from 'node:crypto';
import {
  createCampusClient,
  operationInfo,
  type CampusClientOptions,
} from '../clients/campus-client';
import {
  ErrorsBookingCourseDocument,
  ErrorsCoursesByStatusDocument,
  FlowRegisterDocument,
  LogInDocument,
  SignUpDocument,
  TestCancelBookingDocument,
  TestOpenSupportSessionDocument,
  ErrorsSupportQueueNamesDocument,
} from '../clients/generated/graphql';
import { DEMO_PASSWORD, demoCourse } from '../subgraphs/shared/demo/catalog';
import { testLog } from '../test/helpers';
import { postGraphQL, startSupergraph, type RunningSupergraph } from '../test/supergraph';
import { createGateway, type CampusGateway } from './app';

/**
 * What a client sees of an error, through the public gateway: the subgraph's own message
 * and contract code, nothing of internal hosts or bodies (in production and development),
 * an error for every null the schema does not allow, and no schema hints in production.
 * Operations are typed documents (clients/operations/test/errors.graphql and shared ones)
 * sent by campus-client; the deliberately invalid documents stay raw strings.
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

  /** campus-client on `url`, with only `accessToken` (no refresh token). */
  const as = (url: string, accessToken?: string, options: Partial<CampusClientOptions> = {}) =>
    createCampusClient({ url, session: accessToken ? { accessToken } : null, ...options });

  /** Every HTTP body the gateway answered, as text: what a client could read of an error. */
  const recordingAnswers = () => {
    const answers: string[] = [];
    const fetchImpl: CampusClientOptions['fetch'] = async (input, init) => {
      const response = await fetch(input, init);
      answers.push(await response.clone().text());
      return response;
    };
    return { answers, fetchImpl };
  };

  const logIn = async (url: string, email: string, password = DEMO_PASSWORD) =>
    (await as(url).request(LogInDocument, { email, password })).logIn.accessToken;

  const signUp = async (firstName: string) =>
    (
      await as(supergraph.gatewayUrl).request(SignUpDocument, {
        input: {
          email: `shaping-${randomUUID()}@campus.test`,
          password: 'long-enough-password',
          firstName,
          lastName: 'Tester',
        },
      })
    ).signUp;

  describe.each([
    ['production', () => productionUrl],
    ['development', () => supergraph.gatewayUrl],
  ])('in %s', (_mode, url) => {
    it('a subgraph error arrives as its own message and code, with no URL, status or body', async () => {
      const { answers, fetchImpl } = recordingAnswers();
      const { status, data, errors } = await as(url(), undefined, { fetch: fetchImpl }).execute(
        LogInDocument,
        { email: 'student2@campus.test', password: 'wrong-password' },
      );
      expect(status).toBe(200);
      expect(data).toBeNull();
      expect(errors).toHaveLength(1);
      const [error] = errors ?? [];
      expect(error?.message).toBe('Email or password is incorrect.');
      expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(
        Object.keys(error?.extensions ?? {}).every((k) => ALLOWED_EXTENSIONS.includes(k)),
      ).toBe(true);
      // The whole answer as it came over the wire, not only what the client kept of it.
      expect(answers.length).toBeGreaterThan(0);
      for (const text of answers) {
        expect(JSON.stringify(JSON.parse(text))).not.toMatch(
          /localhost|127\.0\.0\.1|http:\/\/|401|serviceName|response/,
        );
      }
    });

    it('BAD_USER_INPUT keeps its field', async () => {
      const { errors } = await as(url()).execute(SignUpDocument, {
        input: { email: 'x@campus.test', password: 'short', firstName: 'X', lastName: 'Y' },
      });
      expect(errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'password' });
    });
  });

  it('in production, validation and coercion errors do not suggest schema names', async () => {
    // Raw on purpose: misspelled fields, arguments and enum values, documents no client has.
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
    // A well-formed document with a status that does not exist: the variables are raw on
    // purpose (a typed client cannot send that value).
    const coercion = await postGraphQL(
      productionUrl,
      operationInfo(ErrorsCoursesByStatusDocument).query,
      {
        variables: { status: 'PUBLISHE' },
      },
    );
    expect(coercion.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(coercion.body.errors?.[0]?.message).not.toMatch(/Did you mean|PUBLISHED/);
  });

  it('an account without a profile does not blank the admin support queue', async () => {
    const student = await signUp('Lost');
    const token = student.accessToken;
    const userId = student.user.id;
    await as(supergraph.gatewayUrl, token).request(TestOpenSupportSessionDocument, {
      subject: 'Where is my profile?',
      message: 'Hello',
    });
    // As if user.registered had not been applied yet.
    const users = supergraph.subgraphs.find((s) => s.name === 'users');
    await users?.dataSource.query('DELETE FROM "users"."profiles" WHERE "id" = $1', [userId]);

    const admin = await logIn(supergraph.gatewayUrl, 'admin@campus.test');
    // Names come from users; sessions of other test files share this database.
    const body = await as(supergraph.gatewayUrl, admin).execute(ErrorsSupportQueueNamesDocument);
    expect(body.errors).toBeUndefined();
    const queue = body.data?.supportQueue ?? [];
    expect(queue.length).toBeGreaterThan(1);
    expect(queue.find((s) => s.customer.id === userId)?.customer.name).toBe('');
    expect(queue.filter((s) => s.customer.name !== '').length).toBeGreaterThan(0);
  });

  it('a null the schema forbids comes with an error saying where, not only data: null', async () => {
    const { accessToken } = await signUp('Ghost');
    const student = as(supergraph.gatewayUrl, accessToken);
    const course = demoCourse('graphql-federation-101');
    const registered = await student.execute(FlowRegisterDocument, {
      input: { courseId: course.id, idempotencyKey: randomUUID() },
    });
    const bookingId = registered.data?.registerForCourse.id ?? '';
    expect(bookingId).not.toBe('');
    // The booking now points at a course the course subgraph cannot resolve.
    const booking = supergraph.subgraphs.find((s) => s.name === 'booking');
    const ghost = randomUUID();
    await booking?.dataSource.query(
      'UPDATE "booking"."bookings" SET "course_id" = $1 WHERE "id" = $2',
      [ghost, bookingId],
    );
    try {
      const { answers, fetchImpl } = recordingAnswers();
      const body = await as(supergraph.gatewayUrl, accessToken, { fetch: fetchImpl }).execute(
        ErrorsBookingCourseDocument,
        { id: bookingId },
      );
      expect(body.data).toEqual({ booking: null });
      expect(body.errors?.length).toBeGreaterThan(0);
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'INTERNAL_SERVER_ERROR',
        reason: 'INCOMPLETE_RESULT',
      });
      expect(body.errors?.[0]?.message).toMatch(/null/i);
      expect(answers.length).toBeGreaterThan(0);
      for (const text of answers) expect(text).not.toMatch(/valueCompletion/);
    } finally {
      await booking?.dataSource.query(
        'UPDATE "booking"."bookings" SET "course_id" = $1 WHERE "id" = $2',
        [course.id, bookingId],
      );
      // Other test files count this demo course's seats: give the seat back.
      await student.execute(TestCancelBookingDocument, { id: bookingId });
    }
  });
});
