import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * The instants DateTime accepts: years 0001 to 9999 in UTC. PostgreSQL's timestamptz
 * reaches further (4713 BC to 294276 AD), but outside these years `toISOString()` would
 * answer in another form (a sign and six digits), and no class is scheduled there.
 */
export const MIN_DATE_TIME = Date.parse('0001-01-01T00:00:00.000Z');
export const MAX_DATE_TIME = Date.parse('9999-12-31T23:59:59.999Z');

/** A valid Date within the supported years (false for an invalid Date: NaN compares false). */
export const isSupportedDateTime = (date: Date): boolean =>
  date.getTime() >= MIN_DATE_TIME && date.getTime() <= MAX_DATE_TIME;

// The same words as `scalar DateTime` in every schema.graphql (the supergraph takes those).
const DATE_TIME_DESCRIPTION =
  'A date and time, RFC 3339 with a time zone offset (2027-01-01T10:00:00Z or 2027-01-01T12:00:00+02:00), in years 0001 to 9999 in UTC. Always returned in UTC with milliseconds (2027-01-01T10:00:00.000Z).';

// RFC 3339 `date-time`: full date, T, time with an optional fraction, then Z or ±hh:mm.
const RFC_3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

const invalid = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/**
 * An input DateTime as a Date, or BAD_USER_INPUT. Strict on purpose: `new Date()` accepts
 * values without a zone (read as local time), numbers and impossible dates (2027-02-30 is
 * March 2nd), which would each be stored as some other instant than the client meant.
 */
export function parseDateTime(value: unknown): Date {
  const match = typeof value === 'string' ? RFC_3339.exec(value) : null;
  if (!match) {
    throw invalid(
      'DateTime must be an RFC 3339 date and time with a time zone, such as 2027-01-01T10:00:00Z or 2027-01-01T12:00:00+02:00.',
    );
  }
  const part = (i: number): number => Number(match[i] ?? 0);
  const [year, month, day, hour, minute, second] = [
    part(1),
    part(2),
    part(3),
    part(4),
    part(5),
    part(6),
  ];
  const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const sign = match[8];
  const [offsetHours, offsetMinutes] = [part(9), part(10)];
  // Set field by field (Date.UTC would read years 0-99 as 1900-1999), then read back: a
  // field out of its range (February 30th, hour 24, minute 60) rolls over and differs.
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, millis);
  const roundTrips =
    local.getUTCFullYear() === year &&
    local.getUTCMonth() === month - 1 &&
    local.getUTCDate() === day &&
    local.getUTCHours() === hour &&
    local.getUTCMinutes() === minute &&
    local.getUTCSeconds() === second;
  if (!roundTrips || offsetHours > 23 || offsetMinutes > 59) {
    throw invalid(
      'DateTime is not a real date and time (check the day of the month and the time).',
    );
  }
  // Z has no offset parts (both 0); -00:00 means UTC too (RFC 3339: local offset unknown).
  const offsetMs = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const date = new Date(local.getTime() - offsetMs);
  if (!isSupportedDateTime(date)) {
    throw invalid('DateTime must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z.');
  }
  return date;
}

/** Output stays as it was: whatever the resolver has, as `toISOString()` (UTC, milliseconds). */
const serialize = (value: unknown): string => {
  const date = value instanceof Date ? value : new Date(typeof value === 'string' ? value : NaN);
  if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent this value.');
  return date.toISOString();
};

/** `DateTime`: RFC 3339 with a time zone in (as a Date), ISO-8601 in UTC out. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: DATE_TIME_DESCRIPTION,
  serialize,
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
