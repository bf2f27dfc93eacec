import type { Role } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { isUniqueViolation } from '../../shared/db/errors';
import type { DomainEvent } from '../../shared/events/catalog';
import { conflict } from '../../shared/errors';
import { requiredText } from '../../shared/validation';
import { Account } from '../entities/account';
import { queueEmailVerification } from './email-verification';
import { validEmail } from './emails';
import { deliverMailSoon } from './mail-outbox';
import { assertPasswordPolicy, hashPassword } from './passwords';
import { openSession, type AuthPayload, type ClientInfo } from './sessions';

export interface SignUpFields {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}

/** Internal options: the seed gives demo accounts fixed ids, catalog roles, verified emails. */
export interface SignUpOptions {
  id?: string;
  role?: Role;
  emailVerified?: boolean;
}

/**
 * Creates an account (STUDENT unless told otherwise) and opens its first session. One
 * transaction writes the account, the `user.registered` event (users creates the profile
 * from it) and, unless already verified, the verification mail. After the commit it waits,
 * bounded, for the profile, so the client's next `me { name }` finds it.
 */
export async function signUp(
  ctx: ServiceContext,
  input: SignUpFields,
  client: ClientInfo,
  options: SignUpOptions = {},
): Promise<AuthPayload> {
  const email = validEmail('email', input.email);
  assertPasswordPolicy(input.password, 'password');
  const firstName = requiredText('firstName', input.firstName, 100);
  const lastName = requiredText('lastName', input.lastName, 100);
  const passwordHash = await hashPassword(input.password);

  let registered: { payload: AuthPayload; event: DomainEvent };
  try {
    registered = await ctx.db.transaction(async (manager) => {
      const accounts = manager.getRepository(Account);
      const account = accounts.create({
        id: options.id,
        email,
        passwordHash,
        role: options.role ?? 'STUDENT',
        emailVerified: options.emailVerified ?? false,
        tokensValidAfter: null,
      });
      // insert, not save: a taken id must fail, never update the existing account.
      await accounts.insert(account);
      const event = await ctx.events.record(manager, 'user.registered', {
        userId: account.id,
        email,
        firstName,
        lastName,
        role: account.role,
      });
      if (!account.emailVerified) await queueEmailVerification(manager, account);
      return { payload: await openSession(manager, ctx.config.jwt, account, client), event };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'accounts_email_key')) {
      throw conflict('An account with this email already exists.');
    }
    if (isUniqueViolation(error, 'accounts_pkey')) {
      throw conflict('An account with this id already exists.');
    }
    throw error;
  }
  const { payload, event } = registered;
  if (!payload.user.emailVerified) deliverMailSoon(ctx.db);
  await ctx.events.committed([event]);
  return payload;
}
