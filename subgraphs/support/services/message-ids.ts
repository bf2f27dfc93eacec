import { v7 as uuidv7 } from 'uuid';

/**
 * A message id: UUIDv7, whose leading bits are the time, so ids sort in creation order.
 * `at` dates it (the seed back-dates its messages); without it successive ids are
 * monotonic even within one millisecond.
 */
export const newMessageId = (at?: Date): string =>
  at ? uuidv7({ msecs: at.getTime() }) : uuidv7();
