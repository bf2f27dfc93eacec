import { randomUUID } from 'node:crypto';
import { demoViewer, errorCodes } from '../../test/helpers';
import { demoUser } from '../shared/demo/catalog';
import {
  PASSWORD,
  admin,
  dataOf,
  firstError,
  startAuth,
  tokenWorks,
  type AuthHarness,
  type AuthPayloadResult,
  REFRESH,
} from './test-kit';

const SET_ROLE = `mutation($id: ID!, $role: Role!) { setUserRole(userId: $id, role: $role) { id role } }`;
const SET_STATUS = `mutation($id: ID!, $status: AccountStatus!) {
  setAccountStatus(userId: $id, status: $status) { id status }
}`;

describe('auth administration', () => {
  let auth: AuthHarness;
  beforeAll(async () => {
    auth = await startAuth();
  });
  afterAll(async () => auth?.stop());

  describe('setUserRole', () => {
    it('changes the role; old-role tokens stop working, refreshToken gives the new role', async () => {
      const student = await auth.signUp();
      expect(await tokenWorks(auth, student.accessToken)).toBe(true);

      const body = await auth.run(SET_ROLE, {
        variables: { id: student.user.id, role: 'INSTRUCTOR' },
        viewer: admin(),
      });
      expect(body).toEqual({ data: { setUserRole: { id: student.user.id, role: 'INSTRUCTOR' } } });
      expect(await tokenWorks(auth, student.accessToken)).toBe(false);

      const refreshed = await auth.post<{ refreshToken: AuthPayloadResult }>(REFRESH, {
        variables: { t: student.refreshToken },
      });
      expect(refreshed.errors).toBeUndefined();
      const token = dataOf(refreshed).refreshToken.accessToken;
      expect((await auth.claims(token)).role).toBe('INSTRUCTOR');
      expect(await tokenWorks(auth, token)).toBe(true);
      const me = await auth.post<{ me: { role: string } }>('{ me { role } }', { token });
      expect(me.data?.me.role).toBe('INSTRUCTOR');
      // A fresh login gets the new role too.
      const login = await auth.logIn(student.user.email, PASSWORD);
      expect((await auth.claims(dataOf(login).logIn.accessToken)).role).toBe('INSTRUCTOR');
      expect(await tokenWorks(auth, dataOf(login).logIn.accessToken)).toBe(true);
    });

    it('is FORBIDDEN for students and instructors, UNAUTHENTICATED when signed out', async () => {
      const target = demoUser('student3').id;
      const as = (viewer: ReturnType<typeof demoViewer> | null) =>
        auth.run(SET_ROLE, { variables: { id: target, role: 'ADMIN' }, viewer });
      expect(errorCodes(await as(demoViewer('student1')))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await as(demoViewer('instructor1')))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await as(null))).toEqual(['UNAUTHENTICATED']);
      const [row] = await auth.query<{ role: string }>(
        `SELECT "role" FROM "auth"."accounts" WHERE "id" = $1`,
        [target],
      );
      expect(row?.role).toBe('STUDENT');
    });

    it('BAD_USER_INPUT for a malformed id, NOT_FOUND for an unknown one', async () => {
      const malformed = await auth.run(SET_ROLE, {
        variables: { id: 'nope', role: 'INSTRUCTOR' },
        viewer: admin(),
      });
      expect(firstError(malformed)).toEqual({ code: 'BAD_USER_INPUT', field: 'userId' });
      const unknown = await auth.run(SET_ROLE, {
        variables: { id: randomUUID(), role: 'INSTRUCTOR' },
        viewer: admin(),
      });
      expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
    });

    it('CONFLICT when an admin would remove their own ADMIN role', async () => {
      const body = await auth.run(SET_ROLE, {
        variables: { id: admin().id, role: 'STUDENT' },
        viewer: admin(),
      });
      expect(errorCodes(body)).toEqual(['CONFLICT']);
    });

    it('works over HTTP with a real admin token', async () => {
      const adminLogin = await auth.logIn('admin@campus.test', 'campus-demo');
      const student = await auth.signUp();
      const body = await auth.post(SET_ROLE, {
        token: dataOf(adminLogin).logIn.accessToken,
        variables: { id: student.user.id, role: 'INSTRUCTOR' },
      });
      expect(body).toEqual({ data: { setUserRole: { id: student.user.id, role: 'INSTRUCTOR' } } });
    });
  });

  describe('setAccountStatus', () => {
    it('suspending ends every session at once; logIn is FORBIDDEN until reactivated', async () => {
      const user = await auth.signUp();
      const other = dataOf(await auth.logIn(user.user.email, PASSWORD)).logIn;

      const suspended = await auth.run(SET_STATUS, {
        variables: { id: user.user.id, status: 'SUSPENDED' },
        viewer: admin(),
      });
      expect(suspended.data).toEqual({
        setAccountStatus: { id: user.user.id, status: 'SUSPENDED' },
      });
      expect(await tokenWorks(auth, user.accessToken)).toBe(false);
      expect(await tokenWorks(auth, other.accessToken)).toBe(false);
      expect(firstError(await auth.logIn(user.user.email, PASSWORD)).code).toBe('FORBIDDEN');
      const refreshed = await auth.post(REFRESH, { variables: { t: other.refreshToken } });
      expect(firstError(refreshed).code).toBe('UNAUTHENTICATED');
      const [{ n } = { n: -1 }] = await auth.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "auth"."sessions"
          WHERE "account_id" = $1 AND "revoked_at" IS NULL`,
        [user.user.id],
      );
      expect(n).toBe(0);

      const active = await auth.run(SET_STATUS, {
        variables: { id: user.user.id, status: 'ACTIVE' },
        viewer: admin(),
      });
      expect(active.data).toEqual({ setAccountStatus: { id: user.user.id, status: 'ACTIVE' } });
      const back = await auth.logIn(user.user.email, PASSWORD);
      expect(await tokenWorks(auth, dataOf(back).logIn.accessToken)).toBe(true);
    });

    it('is FORBIDDEN for non-admins and UNAUTHENTICATED when signed out', async () => {
      const target = demoUser('student4').id;
      const as = (viewer: ReturnType<typeof demoViewer> | null) =>
        auth.run(SET_STATUS, { variables: { id: target, status: 'SUSPENDED' }, viewer });
      expect(errorCodes(await as(demoViewer('student1')))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await as(demoViewer('instructor2')))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await as(null))).toEqual(['UNAUTHENTICATED']);
      const [row] = await auth.query<{ status: string }>(
        `SELECT "status" FROM "auth"."accounts" WHERE "id" = $1`,
        [target],
      );
      expect(row?.status).toBe('ACTIVE');
    });

    it('BAD_USER_INPUT for a malformed id, NOT_FOUND for an unknown one', async () => {
      const malformed = await auth.run(SET_STATUS, {
        variables: { id: '123', status: 'SUSPENDED' },
        viewer: admin(),
      });
      expect(firstError(malformed)).toEqual({ code: 'BAD_USER_INPUT', field: 'userId' });
      const unknown = await auth.run(SET_STATUS, {
        variables: { id: randomUUID(), status: 'SUSPENDED' },
        viewer: admin(),
      });
      expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
    });

    it('CONFLICT when an admin would suspend their own account', async () => {
      const body = await auth.run(SET_STATUS, {
        variables: { id: admin().id, status: 'SUSPENDED' },
        viewer: admin(),
      });
      expect(errorCodes(body)).toEqual(['CONFLICT']);
    });
  });
});
