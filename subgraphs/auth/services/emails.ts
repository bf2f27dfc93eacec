import { badUserInput } from '../../shared/errors';
import { plainText } from '../../shared/validation';

// Deliberately loose: one @, something on each side, a dot in the domain. Real proof of
// ownership is the verification mail, not a regular expression.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL_LENGTH = 254;

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** The normalised address, or BAD_USER_INPUT naming `field`. */
export function validEmail(field: string, email: string): string {
  const normalised = normaliseEmail(plainText(field, email));
  if (!EMAIL.test(normalised) || normalised.length > MAX_EMAIL_LENGTH) {
    throw badUserInput(field, 'Email address is not valid.');
  }
  return normalised;
}

/**
 * An address given to find an account (logIn, requestPasswordReset), normalised: plain
 * text no longer than a valid address, else BAD_USER_INPUT. Its format is not checked: a
 * malformed one matches no account, and answers as an unknown address does.
 */
export function presentedEmail(field: string, email: string): string {
  const normalised = normaliseEmail(plainText(field, email));
  if (normalised.length > MAX_EMAIL_LENGTH) {
    throw badUserInput(field, 'Email address is not valid.');
  }
  return normalised;
}
