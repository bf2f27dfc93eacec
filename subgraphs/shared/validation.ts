import { badUserInput } from './errors';

/**
 * Input checks every subgraph shares. Each returns the cleaned value or throws
 * BAD_USER_INPUT naming the input field, as the contract asks.
 */
export function requiredText(field: string, value: string, max = 200): string {
  const text = value.trim();
  if (text === '') throw badUserInput(field, `${field} must not be empty.`);
  if (text.length > max) throw badUserInput(field, `${field} must be at most ${max} characters.`);
  return text;
}

/** Optional text: null or blank clears it. */
export function optionalText(field: string, value: string | null | undefined, max: number) {
  if (value === null || value === undefined) return value;
  const text = value.trim();
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
  const text = value.trim();
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
