import { optionalText } from '../../shared/validation';

export const MAX_SEARCH_LENGTH = 100;

/** `\`, `%` and `_` from the user are literal characters, not ILIKE wildcards. */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The ILIKE pattern for a name search ("contains", case-insensitive), or null when the
 * search is blank and so filters nothing. Inner runs of spaces count as one.
 */
export function namePattern(search: string | null | undefined): string | null {
  const words = optionalText('search', search, MAX_SEARCH_LENGTH)?.replace(/\s+/g, ' ');
  return words ? `%${escapeLike(words)}%` : null;
}
