import { badUserInput } from './errors';

/**
 * Input checks every subgraph shares. Each returns the cleaned value or throws
 * BAD_USER_INPUT naming the input field, as the contract asks. Every String argument of
 * every subgraph goes through one of them (IDs through ids.ts, slugs and currencies through
 * stricter patterns), so `plainText` holds for all; test/bad-input.test.ts checks each one.
 */

// NUL, or a UTF-16 surrogate without its pair (in `u` mode a proper pair is one code point,
// which \p{Cs} does not match).
const NOT_PLAIN = /[\0\p{Cs}]/u;

export const isPlainText = (value: string): boolean => !NOT_PLAIN.test(value);

/**
 * Text PostgreSQL can store as sent: it refuses NUL in text (the statement fails) and the
 * driver would silently turn a lone surrogate into U+FFFD, so both are refused up front.
 */
export function plainText(field: string, value: string): string {
  if (!isPlainText(value)) {
    throw badUserInput(field, `${field} must not contain NUL characters or unpaired surrogates.`);
  }
  return value;
}

/**
 * Text used exactly as sent, never trimmed (passwords, tokens, idempotency keys): plain
 * and `min` to `max` characters. The length is checked first, so a huge value costs nothing.
 */
export function exactText(field: string, value: string, max: number, min = 0): string {
  if (value.length < min || value.length > max) {
    throw badUserInput(
      field,
      min > 0
        ? `${field} must be ${min} to ${max} characters.`
        : `${field} must be at most ${max} characters.`,
    );
  }
  return plainText(field, value);
}

export function requiredText(field: string, value: string, max = 200): string {
  const text = plainText(field, value).trim();
  if (text === '') throw badUserInput(field, `${field} must not be empty.`);
  if (text.length > max) throw badUserInput(field, `${field} must be at most ${max} characters.`);
  return text;
}

/** Optional text: null or blank clears it. */
export function optionalText(field: string, value: string | null | undefined, max: number) {
  if (value === null || value === undefined) return value;
  const text = plainText(field, value).trim();
  if (text.length > max) throw badUserInput(field, `${field} must be at most ${max} characters.`);
  return text === '' ? null : text;
}

export function intInRange(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badUserInput(field, `${field} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

/** An absolute http(s) URL. */
export function httpUrl(field: string, value: string, max = 2048): string {
  const text = plainText(field, value).trim();
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || text.length > max) {
    throw badUserInput(field, `${field} must be an http or https URL.`);
  }
  return text;
}

/** Rejects an explicit null for an input field that may be left out but not cleared. */
export function notNull<T>(field: string, value: T | null | undefined): T | undefined {
  if (value === null) throw badUserInput(field, `${field} cannot be null.`);
  return value;
}
