import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor, type KeysetColumn } from './pagination';

const COLUMNS: KeysetColumn[] = [
  { sql: 't.name', kind: 'text', maxLength: 10 },
  { sql: 't.at', kind: 'timestamp' },
  { sql: 't.rank', kind: 'integer' },
  { sql: 't.id', kind: 'uuid' },
];
const id = randomUUID();
const at = '2027-01-01T10:00:00.000Z';
const raw = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');

const fieldOf = (cursor: string): unknown => {
  try {
    decodeCursor(cursor, COLUMNS);
    return 'accepted';
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions : error;
  }
};

describe('cursors', () => {
  it('decodes what it encodes', () => {
    const values = ['Ada 😀', at, -3, id];
    expect(decodeCursor(encodeCursor(values), COLUMNS)).toEqual(values);
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['not an array', raw({ a: 1 })],
    ['too few values', raw(['Ada', at, 1])],
    ['too many values', raw(['Ada', at, 1, id, id])],
    ['a number for text', raw([1, at, 1, id])],
    ['text over its bound', raw(['x'.repeat(11), at, 1, id])],
    ['a NUL in text', raw(['A\u0000', at, 1, id])],
    ['a lone surrogate in text', raw(['A\ud800', at, 1, id])],
    ['a non-timestamp', raw(['Ada', 'yesterday', 1, id])],
    ['a timestamp in another form', raw(['Ada', '2027-01-01T10:00:00Z', 1, id])],
    ['an impossible date', raw(['Ada', '2027-02-30T10:00:00.000Z', 1, id])],
    ['year 0', raw(['Ada', '0000-01-01T00:00:00.000Z', 1, id])],
    ['an expanded year', raw(['Ada', '+275760-09-13T00:00:00.000Z', 1, id])],
    ['a number for a timestamp', raw(['Ada', 1e20, 1, id])],
    ['a fraction for an integer', raw(['Ada', at, 1.5, id])],
    ['an integer beyond int4', raw(['Ada', at, 2 ** 31, id])],
    ['a string for an integer', raw(['Ada', at, '1', id])],
    ['a non-uuid', raw(['Ada', at, 1, 'not-a-uuid'])],
    ['null', raw(['Ada', at, 1, null])],
    ['an overlong cursor', 'A'.repeat(5_000)],
  ])('refuses %s as BAD_USER_INPUT on after', (_what, cursor) => {
    expect(fieldOf(cursor)).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
