import { demoViewer, errorCodes, execute } from '../../test/helpers';
import { DEMO_USERS, demoUser } from '../shared/demo/catalog';
import {
  PASSWORD,
  PAYLOAD,
  firstError,
  freshEmail,
  startAuth,
  tokenIn,
  type AuthHarness,
} from './test-kit';

describe('auth subgraph', () => {
  let auth: AuthHarness;
  beforeAll(async () => {
    auth = await startAuth();
  });
  afterAll(async () => auth?.stop());

  it('resolves me for the signed-in viewer and null when anonymous', async () => {
    const me = await execute(auth.service, '{ me { id email role } }', {
      viewer: demoViewer('admin'),
    });
    expect(me.data).toEqual({
      me: { id: demoUser('admin').id, email: 'admin@campus.test', role: 'ADMIN' },
    });
    expect((await execute(auth.service, '{ me { id } }')).data).toEqual({ me: null });
  });

  it('hides email from other non-admin users', async () => {
    const result = await execute(
      auth.service,
      'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { email } } }',
      {
        variables: { reps: [{ __typename: 'User', id: demoUser('student2').id }] },
        viewer: demoViewer('student1'),
      },
    );
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  describe('seed', () => {
    it('creates the demo accounts through signUp: catalog roles, verified, one event each', async () => {
      const ids = DEMO_USERS.map((u) => u.id);
      const accounts = await auth.query<{ id: string; role: string; email_verified: boolean }>(
        `SELECT "id", "role", "email_verified" FROM "auth"."accounts" WHERE "id" = ANY($1)`,
        [ids],
      );
      expect(accounts).toHaveLength(DEMO_USERS.length);
      for (const user of DEMO_USERS) {
        expect(accounts.find((a) => a.id === user.id)).toEqual({
          id: user.id,
          role: user.role,
          email_verified: true,
        });
      }
      const events = await auth.query<{ user_id: string; n: number }>(
        `SELECT "payload"->>'userId' AS "user_id", count(*)::int AS "n" FROM "auth"."outbox"
          WHERE "type" = 'user.registered' AND "payload"->>'userId' = ANY($1)
          GROUP BY 1`,
        [ids],
      );
      expect(events).toHaveLength(DEMO_USERS.length);
      expect(events.every((e) => e.n === 1)).toBe(true);
      // Verified accounts get no verification mail.
      expect(auth.mail.sent.filter((m) => m.to.endsWith('@campus.test'))).toEqual([]);
    });

    it('adds nothing when run again', async () => {
      const count = async () =>
        (await auth.query<{ n: number }>(`SELECT count(*)::int AS n FROM "auth"."accounts"`))[0]?.n;
      const before = await count();
      await auth.service.seed();
      expect(await count()).toBe(before);
    });
  });

  describe('signUp', () => {
    it('records exactly one user.registered event in the transaction that creates the account', async () => {
      const email = freshEmail('event');
      const payload = await auth.signUp({ email: `  ${email.toUpperCase()} ` });
      expect(payload.user).toEqual({ id: payload.user.id, role: 'STUDENT', email });

      const rows = await auth.query<{ type: string; payload: unknown; same_tx: boolean }>(
        `SELECT o."type", o."payload", o."txid"::xid = a."xmin" AS "same_tx"
           FROM "auth"."outbox" o JOIN "auth"."accounts" a ON a."id" = (o."payload"->>'userId')::uuid
          WHERE a."id" = $1`,
        [payload.user.id],
      );
      expect(rows).toEqual([
        {
          type: 'user.registered',
          payload: {
            userId: payload.user.id,
            email,
            firstName: 'Test',
            lastName: 'User',
            role: 'STUDENT',
          },
          same_tx: true,
        },
      ]);
    });

    it('opens a session whose tokens work', async () => {
      const payload = await auth.signUp();
      const claims = await auth.claims(payload.accessToken);
      expect(claims).toMatchObject({ sub: payload.user.id, role: 'STUDENT' });
      const me = await auth.post<{ me: { id: string; sessions: { current: boolean }[] } }>(
        '{ me { id sessions { current } } }',
        { token: payload.accessToken },
      );
      expect(me.data?.me).toEqual({ id: payload.user.id, sessions: [{ current: true }] });
    });

    it('rejects a taken email (CONFLICT) and bad input (BAD_USER_INPUT naming the field)', async () => {
      const email = freshEmail();
      await auth.signUp({ email });
      const attempt = (input: Record<string, string>) =>
        auth.post(`mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }`, {
          variables: {
            input: {
              email: freshEmail(),
              password: PASSWORD,
              firstName: 'A',
              lastName: 'B',
              ...input,
            },
          },
        });
      expect(firstError(await attempt({ email: email.toUpperCase() }))).toEqual({
        code: 'CONFLICT',
        field: undefined,
      });
      expect(firstError(await attempt({ email: 'not-an-email' }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'email',
      });
      expect(firstError(await attempt({ password: 'short' }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'password',
      });
      expect(firstError(await attempt({ firstName: '  ' }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'firstName',
      });
      expect(firstError(await attempt({ lastName: '' }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'lastName',
      });
    });
  });

  describe('logIn', () => {
    it('signs in with the right password and updates lastLoginAt', async () => {
      const { user } = await auth.signUp();
      const body = await auth.logIn(user.email, PASSWORD);
      expect(body.errors).toBeUndefined();
      expect(body.data?.logIn.user.id).toBe(user.id);
      const [row] = await auth.query<{ last_login_at: Date | null }>(
        `SELECT "last_login_at" FROM "auth"."accounts" WHERE "id" = $1`,
        [user.id],
      );
      expect(row?.last_login_at).toBeInstanceOf(Date);
    });

    it('gives the same UNAUTHENTICATED error for a wrong password and an unknown email', async () => {
      const { user } = await auth.signUp();
      const wrong = await auth.logIn(user.email, 'wrong-password');
      const unknown = await auth.logIn(freshEmail(), 'wrong-password');
      expect(firstError(wrong).code).toBe('UNAUTHENTICATED');
      expect(firstError(unknown).code).toBe('UNAUTHENTICATED');
      expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
    });
  });

  describe('email verification', () => {
    const VERIFY = `mutation($t: String!) { verifyEmail(token: $t) { id emailVerified } }`;

    it('mails a token at signUp that verifies the email once, without a viewer', async () => {
      const { user } = await auth.signUp();
      const mail = await auth.mail.waitFor(user.email, 'Confirm');
      const token = tokenIn(mail);

      const first = await auth.run(VERIFY, { variables: { t: token } });
      expect(first).toEqual({ data: { verifyEmail: { id: user.id, emailVerified: true } } });
      const again = await auth.run(VERIFY, { variables: { t: token } });
      expect(firstError(again)).toEqual({ code: 'BAD_USER_INPUT', field: 'token' });
      expect(firstError(await auth.run(VERIFY, { variables: { t: 'made-up' } }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'token',
      });
    });

    it('refuses an expired verification token', async () => {
      const { user } = await auth.signUp();
      const token = tokenIn(await auth.mail.waitFor(user.email, 'Confirm'));
      await auth.query(
        `UPDATE "auth"."one_time_tokens" SET "expires_at" = now() - interval '1 second'
          WHERE "account_id" = $1`,
        [user.id],
      );
      expect(firstError(await auth.run(VERIFY, { variables: { t: token } }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'token',
      });
    });

    it('requestEmailVerification sends a fresh token and retires the old one', async () => {
      const payload = await auth.signUp();
      const { email } = payload.user;
      const old = tokenIn(await auth.mail.waitFor(email, 'Confirm'));
      const viewer = await auth.viewerOf(payload.accessToken);

      expect(errorCodes(await auth.run('mutation { requestEmailVerification }'))).toEqual([
        'UNAUTHENTICATED',
      ]);
      const asked = await auth.run('mutation { requestEmailVerification }', { viewer });
      expect(asked.data).toEqual({ requestEmailVerification: true });
      const fresh = tokenIn(await auth.mail.waitFor(email, 'Confirm', 1));
      expect(fresh).not.toBe(old);

      expect(firstError(await auth.run(VERIFY, { variables: { t: old } })).field).toBe('token');
      expect((await auth.run(VERIFY, { variables: { t: fresh } })).data).toEqual({
        verifyEmail: { id: payload.user.id, emailVerified: true },
      });
      // Verified: nothing to send.
      const done = await auth.run('mutation { requestEmailVerification }', { viewer });
      expect(done.data).toEqual({ requestEmailVerification: false });
    });
  });

  describe('mail outbox', () => {
    it('the relay sends queued mail after the commit and marks the row sent', async () => {
      const { user } = await auth.signUp();
      const mail = await auth.mail.waitFor(user.email, 'Confirm');
      expect(mail.text).toContain(tokenIn(mail));
      const [row] = await auth.query<{ sent_at: Date | null; attempts: number; body: string }>(
        `SELECT "sent_at", "attempts", "body" FROM "auth"."mail_outbox" WHERE "recipient" = $1`,
        [user.email],
      );
      expect(row).toEqual({ sent_at: expect.any(Date), attempts: 1, body: '' });
    });

    it('a failing sender never fails the mutation; the mail is retried later', async () => {
      auth.mail.failures = 1;
      const email = freshEmail('flaky');
      const body = await auth.post<{ signUp: { accessToken: string } }>(
        `mutation($input: SignUpInput!) { signUp(input: $input) { ${PAYLOAD} } }`,
        { variables: { input: { email, password: PASSWORD, firstName: 'F', lastName: 'L' } } },
      );
      expect(body.errors).toBeUndefined();
      const failed = await waitForRow(auth, email, (r) => r.attempts === 1);
      expect(failed).toMatchObject({ sent_at: null, last_error: 'mail server unavailable' });

      // The next mail wakes the relay, which delivers both.
      const other = await auth.signUp();
      await auth.mail.waitFor(other.user.email, 'Confirm');
      await auth.mail.waitFor(email, 'Confirm');
      expect(await waitForRow(auth, email, (r) => r.sent_at !== null)).toMatchObject({
        attempts: 2,
        last_error: null,
      });
    });
  });
});

interface MailRow {
  sent_at: Date | null;
  attempts: number;
  last_error: string | null;
}

async function waitForRow(auth: AuthHarness, to: string, ok: (row: MailRow) => boolean) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [row] = await auth.query<MailRow>(
      `SELECT "sent_at", "attempts", "last_error" FROM "auth"."mail_outbox" WHERE "recipient" = $1`,
      [to],
    );
    if (row && ok(row)) return row;
    if (Date.now() > deadline) throw new Error(`mail row never matched: ${JSON.stringify(row)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
