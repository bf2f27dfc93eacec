import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { badUserInput } from '../../shared/errors';
import { exactText, plainText } from '../../shared/validation';

export const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 256;

/**
 * argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane). @node-rs/argon2
 * hashes on libuv's thread pool, so a login never blocks the event loop.
 */
const ARGON2ID: Options = {
  // `Algorithm` is an ambient const enum, which isolated modules cannot read: 2 is Argon2id.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2ID);

export const verifyPassword = (passwordHash: string, password: string): Promise<boolean> =>
  verify(passwordHash, password);

// A hash of nothing in particular: logIn with an unknown email still pays for one verify,
// so response time does not tell which emails have accounts.
let decoyHash: Promise<string> | undefined;
export const decoyVerify = async (password: string): Promise<void> => {
  decoyHash ??= hashPassword('decoy-password-for-timing');
  await verify(await decoyHash, password);
};

export function assertPasswordPolicy(password: string, field: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badUserInput(field, `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw badUserInput(field, `Password must be at most ${MAX_PASSWORD_LENGTH} characters.`);
  }
  // argon2 hashes the UTF-8 bytes, where a lone surrogate becomes U+FFFD: two different
  // passwords would hash alike. NUL is refused with it, as in all text.
  plainText(field, password);
}

/**
 * A password given to prove who one is (logIn, the current password): plain text, and no
 * longer than the policy allows any password to be, so argon2 never hashes a huge value.
 */
export const presentedPassword = (field: string, password: string): string =>
  exactText(field, password, MAX_PASSWORD_LENGTH);
