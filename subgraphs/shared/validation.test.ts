import { GraphQLError } from 'graphql';
import { exactText, httpUrl, optionalText, plainText, requiredText } from './validation';

const extensionsOf = (check: () => unknown): unknown => {
  try {
    check();
    return 'accepted';
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions : error;
  }
};
const refused = (field: string) => ({ code: 'BAD_USER_INPUT', field });

describe('text checks', () => {
  it.each([
    ['a NUL', 'a\u0000b'],
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', 'a\udc00b'],
    ['a reversed pair', '\udc00\ud800'],
  ])('refuse %s in every helper', (_what, value) => {
    expect(extensionsOf(() => plainText('f', value))).toEqual(refused('f'));
    expect(extensionsOf(() => requiredText('f', value))).toEqual(refused('f'));
    expect(extensionsOf(() => optionalText('f', value, 100))).toEqual(refused('f'));
    expect(extensionsOf(() => exactText('f', value, 100))).toEqual(refused('f'));
    expect(extensionsOf(() => httpUrl('f', `https://campus.test/${value}`))).toEqual(refused('f'));
  });

  it('accept other text, emoji and combining marks included', () => {
    const text = 'Zoë 😀 \u00e9\u0301 \t tabs';
    expect(plainText('f', text)).toBe(text);
    expect(requiredText('f', ` ${text} `)).toBe(text);
    expect(exactText('f', ` ${text} `, 100)).toBe(` ${text} `);
  });

  it('bound exact text by length before looking inside', () => {
    expect(extensionsOf(() => exactText('key', '', 10, 1))).toEqual(refused('key'));
    expect(extensionsOf(() => exactText('key', 'x'.repeat(11), 10, 1))).toEqual(refused('key'));
    expect(exactText('key', 'x'.repeat(10), 10, 1)).toBe('x'.repeat(10));
  });
});
