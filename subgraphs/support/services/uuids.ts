import { badUserInput } from '../../shared/errors';

// Any canonical UUID (the contract's ID format), whatever its version.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

/** Rejects a malformed id argument before it reaches SQL (where it would be a 500). */
export function assertUuid(field: string, value: string): void {
  if (!isUuid(value)) throw badUserInput(field, `${field} is not a valid ID.`);
}
