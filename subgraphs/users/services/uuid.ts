const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** IDs are UUIDs (contract); anything else can match no row and would make Postgres throw. */
export const isUuid = (value: string): boolean => UUID.test(value);
