import { SignJWT, exportPKCS8, generateKeyPair } from 'jose';
import { CampusError, createCampusClient, type Session } from '../clients/campus-client';
import {
  GatewayMeDocument,
  GatewayMeIdDocument,
  GatewayStudentDashboardDocument,
  LogInDocument,
  SignUpDocument,
} from '../clients/generated/graphql';
import { startSupergraph, postGraphQL, type RunningSupergraph } from '../test/supergraph';
import { AccessTokenSigner } from '../subgraphs/shared/auth/tokens';
import {
  DEMO_BOOKINGS,
  DEMO_COURSES,
  DEMO_SUPPORT_SESSIONS,
  demoUser,
} from '../subgraphs/shared/demo/catalog';
import { GATEWAY_SECRET_HEADER } from '../subgraphs/shared/gateway-secret';
import { createGateway } from './app';
import { testLog } from '../test/helpers';

const nameOf = (id: string | null) => {
  const user = [demoUser('admin'), demoUser('instructor1'), demoUser('instructor2')].find(
    (u) => u.id === id,
  );
  return user ? `${user.firstName} ${user.lastName}` : null;
};

/** Seats left per the demo catalog: capacity minus live (PENDING, CONFIRMED) bookings. */
const expectedSeatsLeft = (courseId: string): number => {
  const course = DEMO_COURSES.find((c) => c.id === courseId);
  const live = DEMO_BOOKINGS.filter(
    (b) => b.courseId === courseId && (b.status === 'PENDING' || b.status === 'CONFIRMED'),
  ).length;
  return Math.max(0, (course?.capacity ?? 0) - live);
};

describe('gateway', () => {
  let supergraph: RunningSupergraph;
  beforeAll(async () => {
    supergraph = await startSupergraph();
  });
  afterAll(async () => supergraph?.stop());

  /** The typed client, anonymous or with a session; `headers` go on every request. */
  const client = (session: Session | null = null, headers?: Record<string, string>) =>
    createCampusClient({ url: supergraph.gatewayUrl, session, headers });
  /** The CampusError a request rejects with. */
  const failure = (request: Promise<unknown>): Promise<CampusError> =>
    request.then(
      () => {
        throw new Error('expected the request to fail');
      },
      (error: unknown) => {
        if (error instanceof CampusError) return error;
        throw error;
      },
    );

  const logIn = async (email: string, password = 'campus-demo') =>
    (await client().request(LogInDocument, { email, password })).logIn.accessToken;

  it('signs up a new student who can then query themself', async () => {
    const email = `New.Student+${Date.now()}@Campus.test `;
    const signUp = await client().execute(SignUpDocument, {
      input: { email, password: 'long-enough-pw', firstName: 'New', lastName: 'Student' },
    });
    expect(signUp.errors).toBeUndefined();
    const normalised = email.trim().toLowerCase();
    const user = signUp.data?.signUp.user;
    expect({ email: user?.email, role: user?.role }).toEqual({
      email: normalised,
      role: 'STUDENT',
    });

    const accessToken = await logIn(normalised, 'long-enough-pw');
    const me = await client({ accessToken }).execute(GatewayMeDocument);
    expect(me.data).toEqual({ me: { email: normalised, role: 'STUDENT', status: 'ACTIVE' } });

    const again = await failure(
      client().request(SignUpDocument, {
        input: { email: normalised, password: 'long-enough-pw', firstName: 'A', lastName: 'B' },
      }),
    );
    expect(again.code).toBe('CONFLICT');
  });

  it('rejects a short password with BAD_USER_INPUT naming the field', async () => {
    const error = await failure(
      client().request(SignUpDocument, {
        input: { email: 'x@campus.test', password: 'short', firstName: 'X', lastName: 'Y' },
      }),
    );
    expect(error.errors[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'password',
    });
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
  });

  it('gives the same UNAUTHENTICATED error for a wrong password and an unknown email', async () => {
    const attempt = (email: string) =>
      failure(client().request(LogInDocument, { email, password: 'wrong-password' }));
    const [wrongPassword, unknown] = await Promise.all([
      attempt('student1@campus.test'),
      attempt('nobody@campus.test'),
    ]);
    expect(wrongPassword.code).toBe('UNAUTHENTICATED');
    expect(unknown.message).toBe(wrongPassword.message);
  });

  it('answers one query across all five subgraphs for the demo student', async () => {
    const accessToken = await logIn('student1@campus.test');
    const { data, errors } = await client({ accessToken }).execute(GatewayStudentDashboardDocument);
    expect(errors).toBeUndefined();
    const me = data?.me;
    const student = demoUser('student1');
    expect(me).toMatchObject({
      id: student.id,
      email: 'student1@campus.test',
      role: 'STUDENT',
      name: `${student.firstName} ${student.lastName}`,
    });

    const confirmed = DEMO_BOOKINGS.filter((b) => b.userId === student.id && b.enrollment);
    expect(me?.enrollments).toHaveLength(confirmed.length);
    for (const booking of confirmed) {
      const course = DEMO_COURSES.find((c) => c.id === booking.courseId);
      expect(me?.enrollments).toContainEqual({
        status: 'ACTIVE',
        progressPercent: booking.enrollment?.progressPercent,
        course: {
          title: course?.title,
          instructor: { name: nameOf(course?.instructorId ?? null) },
        },
      });
    }

    const bookings = DEMO_BOOKINGS.filter((b) => b.userId === student.id);
    expect(me?.bookings).toHaveLength(bookings.length);
    for (const booking of bookings) {
      const course = DEMO_COURSES.find((c) => c.id === booking.courseId);
      expect(me?.bookings).toContainEqual({
        status: booking.status,
        course: { slug: course?.slug, seatsLeft: expectedSeatsLeft(booking.courseId) },
      });
    }
    expect(me?.bookings.map((b) => b.status)).toEqual(
      expect.arrayContaining(['CONFIRMED', 'PENDING']),
    );

    const sessions = DEMO_SUPPORT_SESSIONS.filter((s) => s.customerId === student.id);
    expect(me?.supportSessions).toEqual(
      expect.arrayContaining(
        sessions.map((s) => ({
          subject: s.subject,
          status: s.status,
          assignee: s.assigneeId ? { name: nameOf(s.assigneeId) } : null,
        })),
      ),
    );
    expect(me?.supportSessions.some((s) => s.assignee?.name === nameOf(demoUser('admin').id))).toBe(
      true,
    );
  });

  describe('tokens', () => {
    it('rejects a token signed with another key as UNAUTHENTICATED', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      const forged = await new SignJWT({ role: 'ADMIN', sid: 'forged' })
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject(demoUser('admin').id)
        .setJti('forged')
        .setIssuer(supergraph.config.jwt.issuer)
        .setAudience(supergraph.config.jwt.audience)
        .setExpirationTime('10m')
        .sign(privateKey);
      const error = await failure(client({ accessToken: forged }).request(GatewayMeIdDocument));
      expect(error.status).toBe(401);
      expect(error.code).toBe('UNAUTHENTICATED');
    });

    it('rejects an expired token as UNAUTHENTICATED', async () => {
      const signer = new AccessTokenSigner({
        ...supergraph.config.jwt,
        accessTokenTtlSeconds: -60,
      });
      const { token } = await signer.sign({
        userId: demoUser('student1').id,
        role: 'STUDENT',
        sessionId: 'expired',
      });
      // No refresh token: the client cannot renew it and reports the refusal.
      const error = await failure(client({ accessToken: token }).request(GatewayMeIdDocument));
      expect(error.code).toBe('UNAUTHENTICATED');
      expect(error.message).toMatch(/expired/);
    });

    it('rejects a malformed Authorization header', async () => {
      const error = await failure(
        client(null, { authorization: 'Token abc' }).request(GatewayMeIdDocument),
      );
      expect(error.code).toBe('UNAUTHENTICATED');
    });

    it('subgraphs verify the forwarded token themselves', async () => {
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      const forgedSigner = new AccessTokenSigner({
        ...supergraph.config.jwt,
        privateKey: await exportPKCS8(privateKey),
      });
      const { token } = await forgedSigner.sign({
        userId: demoUser('admin').id,
        role: 'ADMIN',
        sessionId: 's',
      });
      // Past the gateway, straight to a subgraph with the gateway's secret: still refused.
      const direct = createCampusClient({
        url: supergraph.subgraphUrls.auth ?? '',
        session: { accessToken: token },
        headers: { [GATEWAY_SECRET_HEADER]: supergraph.config.gatewaySecret },
        persisted: 'off',
      });
      expect((await failure(direct.request(GatewayMeIdDocument))).code).toBe('UNAUTHENTICATED');
    });
  });

  // The requests below are raw HTTP on purpose: subgraph-only fields, introspection and
  // generated documents that no client keeps as an operation.
  describe('subgraphs accept only the gateway', () => {
    it.each(['auth', 'users', 'course', 'booking', 'support'])(
      '%s refuses a direct request without the gateway secret',
      async (name) => {
        const url = supergraph.subgraphUrls[name] ?? '';
        const direct = await postGraphQL(url, '{ _service { sdl } }');
        expect(direct.status).toBe(403);
        expect(direct.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        const wrong = await postGraphQL(url, '{ _service { sdl } }', {
          headers: { [GATEWAY_SECRET_HEADER]: 'not-the-secret' },
        });
        expect(wrong.status).toBe(403);
        const withSecret = await postGraphQL(url, '{ _service { sdl } }', {
          headers: { [GATEWAY_SECRET_HEADER]: supergraph.config.gatewaySecret },
        });
        expect(withSecret.status).toBe(200);
      },
    );
  });

  describe('operations endpoints', () => {
    const origin = () => new URL(supergraph.gatewayUrl).origin;

    it('serves Apollo Sandbox outside production', async () => {
      const response = await fetch(supergraph.gatewayUrl, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/sandbox/i);
    });

    it('lets browser apps on other origins call it (CORS preflight and answer)', async () => {
      const preflight = await fetch(supergraph.gatewayUrl, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:5173',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-headers')).toBe(
        'content-type,authorization',
      );
      const answer = await fetch(supergraph.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(answer.headers.get('access-control-allow-origin')).toBe('*');
      expect(await answer.json()).toEqual({ data: { __typename: 'Query' } });
    });

    it('answers unknown paths with a JSON 404', async () => {
      const response = await fetch(`${origin()}/nope`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
    });

    it('is live on /health and ready on /ready when every subgraph answers', async () => {
      expect((await fetch(`${origin()}/health`)).status).toBe(200);
      const ready = await fetch(`${origin()}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ready',
        subgraphs: { auth: 'ok', users: 'ok', course: 'ok', booking: 'ok', support: 'ok' },
      });
    });

    it('turns off Sandbox and introspection in production', async () => {
      const production = createGateway(
        { ...supergraph.config, production: true, nodeEnv: 'production' },
        testLog,
      );
      await production.start();
      const url = await production.listen(0);
      try {
        const page = await fetch(url, { headers: { accept: 'text/html' } });
        expect(await page.text()).not.toMatch(/sandbox/i);
        const { body } = await postGraphQL(url, '{ __schema { queryType { name } } }');
        expect(body.errors?.[0]?.message).toMatch(/introspection/i);
      } finally {
        await production.stop();
      }
    });

    it('reports not ready once a subgraph stops answering', async () => {
      await supergraph.subgraphs.find((s) => s.name === 'support')?.stop();
      const ready = await fetch(`${origin()}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ subgraphs: { support: 'down', auth: 'ok' } });
    });

    it('rejects queries deeper than the limit', async () => {
      const deep = `{ me { ${'taughtCourses { instructor { '.repeat(7)}id${' } }'.repeat(7)} } }`;
      const { body } = await postGraphQL(supergraph.gatewayUrl, deep);
      expect(body.errors?.[0]?.message).toMatch(/depth/i);
    });
  });
});
