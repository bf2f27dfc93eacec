import { badUserInput } from '../../shared/errors';

// Deliberately loose: one @, something on each side, a dot in the domain. Real proof of
// ownership is the verification mail, not a regular expression.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** The normalised address, or BAD_USER_INPUT naming `field`. */
export function validEmail(field: string, email: string): string {
  const normalised = normaliseEmail(email);
  if (!EMAIL.test(normalised) || normalised.length > 254) {
    throw badUserInput(field, 'Email address is not valid.');
  }
  return normalised;
}
