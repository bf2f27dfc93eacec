import argon2 from 'argon2';
import { badUserInput } from '../../shared/errors';

export const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 256;

/** argon2id with the library's defaults (64 MiB, 3 passes): OWASP's recommended shape. */
export const hashPassword = (password: string): Promise<string> =>
  argon2.hash(password, { type: argon2.argon2id });

export const verifyPassword = (hash: string, password: string): Promise<boolean> =>
  argon2.verify(hash, password);

// A hash of nothing in particular: logIn with an unknown email still pays for one verify,
// so response time does not tell which emails have accounts.
let decoyHash: Promise<string> | undefined;
export const decoyVerify = async (password: string): Promise<void> => {
  decoyHash ??= hashPassword('decoy-password-for-timing');
  await argon2.verify(await decoyHash, password);
};

export function assertPasswordPolicy(password: string, field: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badUserInput(field, `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw badUserInput(field, `Password must be at most ${MAX_PASSWORD_LENGTH} characters.`);
  }
}
