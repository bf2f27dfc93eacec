import { validate } from 'uuid';
import { badUserInput } from '../shared/errors';

/**
 * IDs are UUIDs (contract). Anything else would make PostgreSQL fail the whole statement,
 * so arguments are checked up front and references with malformed ids are left out.
 */
export const isUuid = (value: string): boolean => validate(value);

export function requireUuid(field: string, value: string): string {
  if (!isUuid(value)) throw badUserInput(field, `${field} must be a UUID.`);
  return value;
}

/** The well-formed ids of a batch; a malformed one cannot match a row anyway. */
export const uuidsOf = (ids: readonly string[]): string[] => [...new Set(ids.filter(isUuid))];
