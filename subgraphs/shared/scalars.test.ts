import { GraphQLError, Kind } from 'graphql';
import { DateTimeScalar, parseDateTime } from './scalars';

const codeOf = (value: unknown): unknown => {
  try {
    parseDateTime(value);
    return 'accepted';
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions.code : error;
  }
};

describe('DateTime', () => {
  it.each([
    ['2027-01-01T10:00:00Z', '2027-01-01T10:00:00.000Z'],
    ['2027-01-01t10:00:00z', '2027-01-01T10:00:00.000Z'],
    ['2027-01-01T12:30:00+02:30', '2027-01-01T10:00:00.000Z'],
    ['2027-01-01T05:00:00-05:00', '2027-01-01T10:00:00.000Z'],
    ['2027-01-01T10:00:00-00:00', '2027-01-01T10:00:00.000Z'],
    ['2027-01-01T10:00:00.5Z', '2027-01-01T10:00:00.500Z'],
    ['2027-01-01T10:00:00.123456789Z', '2027-01-01T10:00:00.123Z'],
    ['2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['0050-06-01T00:00:00Z', '0050-06-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
    ['9999-12-31T23:59:59-00:00', '9999-12-31T23:59:59.000Z'],
  ])('parses %s as %s', (input, iso) => {
    expect(parseDateTime(input).toISOString()).toBe(iso);
  });

  it.each([
    ['an empty string', ''],
    ['a number', 1_800_000_000_000],
    ['null', null],
    ['no time zone', '2027-01-01T10:00:00'],
    ['a date only', '2027-01-01'],
    ['a space for T', '2027-01-01 10:00:00Z'],
    ['February 30th', '2027-02-30T10:00:00Z'],
    ['February 29th of a common year', '2027-02-29T10:00:00Z'],
    ['April 31st', '2027-04-31T10:00:00Z'],
    ['month 0', '2027-00-10T10:00:00Z'],
    ['month 13', '2027-13-01T10:00:00Z'],
    ['hour 24', '2027-01-01T24:00:00Z'],
    ['minute 60', '2027-01-01T10:60:00Z'],
    ['a leap second', '2027-06-30T23:59:60Z'],
    ['an offset of 24 hours', '2027-01-01T10:00:00+24:00'],
    ['an offset without a colon', '2027-01-01T10:00:00+0200'],
    ['year 0', '0000-06-01T00:00:00Z'],
    ['before year 1 in UTC', '0001-01-01T00:30:00+01:00'],
    ['after year 9999 in UTC', '9999-12-31T23:30:00-01:00'],
    ['an expanded year', '+010000-01-01T00:00:00Z'],
    ['ten fraction digits', '2027-01-01T10:00:00.0123456789Z'],
    ['words', 'next tuesday'],
  ])('refuses %s with BAD_USER_INPUT', (_what, input) => {
    expect(codeOf(input)).toBe('BAD_USER_INPUT');
  });

  it('parses literals the same way', () => {
    const literal = (value: string) =>
      DateTimeScalar.parseLiteral({ kind: Kind.STRING, value }, undefined);
    expect(literal('2027-01-01T12:00:00+02:00')).toEqual(new Date('2027-01-01T10:00:00Z'));
    expect(() => literal('2027-02-30T10:00:00Z')).toThrow(GraphQLError);
    expect(() => DateTimeScalar.parseLiteral({ kind: Kind.INT, value: '5' }, undefined)).toThrow(
      GraphQLError,
    );
  });

  it('serializes as toISOString, as before', () => {
    const date = new Date('2027-01-01T10:00:00Z');
    expect(DateTimeScalar.serialize(date)).toBe('2027-01-01T10:00:00.000Z');
    expect(DateTimeScalar.serialize('2027-01-01T12:00:00+02:00')).toBe('2027-01-01T10:00:00.000Z');
    expect(() => DateTimeScalar.serialize(new Date(NaN))).toThrow();
  });
});
