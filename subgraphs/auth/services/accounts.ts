import type { DataSource } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import type { Role } from '../../shared/auth/viewer';
import type { JwtConfig } from '../../shared/config';
import { badUserInput, conflict, forbidden, unauthenticated } from '../../shared/errors';
import { Account } from '../entities/account';
import { assertPasswordPolicy, decoyVerify, hashPassword, verifyPassword } from './passwords';
import { openSession, type AuthPayload } from './sessions';

// Deliberately loose: one @, something on each side, a dot in the domain. Real proof of
// ownership is the verification mail, not a regular expression.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export interface SignUpFields {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}

export function validateSignUp(input: SignUpFields): string {
  const email = normaliseEmail(input.email);
  if (!EMAIL.test(email) || email.length > 254) {
    throw badUserInput('email', 'Email address is not valid.');
  }
  assertPasswordPolicy(input.password, 'password');
  if (!input.firstName.trim()) throw badUserInput('firstName', 'First name is required.');
  if (!input.lastName.trim()) throw badUserInput('lastName', 'Last name is required.');
  return email;
}

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';

/** Creates an account (STUDENT unless told otherwise) and opens its first session. */
export async function signUp(
  db: DataSource,
  jwt: JwtConfig,
  input: SignUpFields,
  client: { ip?: string; userAgent?: string },
  options: { role?: Role; id?: string } = {},
): Promise<AuthPayload> {
  const email = validateSignUp(input);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (manager) => {
      const account = await manager.getRepository(Account).save(
        manager.getRepository(Account).create({
          id: options.id,
          email,
          passwordHash,
          role: options.role ?? 'STUDENT',
        }),
      );
      return openSession(manager, jwt, account, client);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('An account with this email already exists.');
    throw error;
  }
}

/** Same error for an unknown email and a wrong password, so logIn reveals no accounts. */
export async function logIn(
  db: DataSource,
  jwt: JwtConfig,
  credentials: { email: string; password: string },
  client: { ip?: string; userAgent?: string },
): Promise<AuthPayload> {
  const accounts = db.getRepository(Account);
  const account = await accounts
    .createQueryBuilder('account')
    .addSelect('account.passwordHash')
    .where('account.email = :email', { email: normaliseEmail(credentials.email) })
    .getOne();
  if (!account) {
    await decoyVerify(credentials.password);
    throw unauthenticated('Email or password is incorrect.');
  }
  if (!(await verifyPassword(account.passwordHash, credentials.password))) {
    throw unauthenticated('Email or password is incorrect.');
  }
  if (account.status === 'SUSPENDED') throw forbidden('This account is suspended.');
  return db.transaction(async (manager) => {
    account.lastLoginAt = new Date();
    await manager.getRepository(Account).update(account.id, { lastLoginAt: account.lastLoginAt });
    return openSession(manager, jwt, account, client);
  });
}
