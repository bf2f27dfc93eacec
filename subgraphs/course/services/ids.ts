/** The textual UUID form PostgreSQL's uuid type accepts from us. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * The keys of a batch that can be compared with a uuid column. A malformed id (say, in an
 * entity representation) then matches nothing instead of failing the whole batch.
 */
export const uuidsOf = (ids: readonly string[]): string[] => ids.filter(isUuid);
