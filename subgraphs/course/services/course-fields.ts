import { badUserInput } from '../../shared/errors';
import { intInRange, optionalText, requiredText } from '../../shared/validation';
import type { MoneyInput } from '../generated/graphql';

/**
 * Checks of the course input fields createCourse and updateCourse share. Each returns the
 * value to store or throws BAD_USER_INPUT naming the field. The database's CHECK
 * constraints hold the same rules; these give the client a precise answer first.
 */
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MAX = 100;
export const TITLE_MAX = 200;
const CURRENCY = /^[A-Z]{3}$/;
const DESCRIPTION_MAX = 10_000;

export function courseSlug(value: string): string {
  if (!SLUG.test(value) || value.length > SLUG_MAX) {
    throw badUserInput(
      'slug',
      `slug must be lower-case letters and digits in words joined by single dashes, at most ${SLUG_MAX} characters.`,
    );
  }
  return value;
}

export const courseTitle = (value: string): string => requiredText('title', value, TITLE_MAX);

/** Absent or null is the empty description. */
export const courseDescription = (value: string | null | undefined): string =>
  optionalText('description', value, DESCRIPTION_MAX) ?? '';

export const courseCapacity = (value: number): number => intInRange('capacity', value, 1, 10_000);

/** The price columns; no price (absent or null) is a free course: both null. */
export function coursePrice(price: MoneyInput | null | undefined): {
  priceCents: number | null;
  currency: string | null;
} {
  if (price == null) return { priceCents: null, currency: null };
  if (!Number.isInteger(price.amountCents) || price.amountCents < 0) {
    throw badUserInput('amountCents', 'amountCents must be a whole number, 0 or more.');
  }
  if (!CURRENCY.test(price.currency)) {
    throw badUserInput('currency', 'currency must be an ISO 4217 code such as EUR.');
  }
  return { priceCents: price.amountCents, currency: price.currency };
}
