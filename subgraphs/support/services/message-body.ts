import { requiredText } from '../../shared/validation';

/** A message's length, as the contract and the table's check constraint say. */
export const MAX_MESSAGE_LENGTH = 4000;

/** A message text, trimmed: 1 to 4,000 characters, else BAD_USER_INPUT naming `field`. */
export const messageBody = (field: string, value: string): string =>
  requiredText(field, value, MAX_MESSAGE_LENGTH);
