import { validate } from 'uuid';
import { badUserInput } from './errors';

/**
 * IDs are UUIDs (contract). Anything else would make PostgreSQL fail the whole statement,
 * so arguments are checked up front and malformed ids in a batch are left out of the SQL
 * (they can match no row anyway).
 */
export const isUuid = (value: string): boolean => validate(value);

/** Rejects a malformed id argument with BAD_USER_INPUT naming the field. */
export function requireUuid(field: string, value: string): string {
  if (!isUuid(value)) throw badUserInput(field, `${field} must be a valid ID (a UUID).`);
  return value;
}

/** The distinct well-formed ids of a batch. */
export const uuidsOf = (ids: readonly string[]): string[] => [...new Set(ids.filter(isUuid))];
