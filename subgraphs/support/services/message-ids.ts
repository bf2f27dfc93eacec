import { v7 as uuidv7 } from 'uuid';

/**
 * A message id: UUIDv7, whose leading bits are the time, so ids sort in creation order.
 * `at` dates it (the seed back-dates its messages); without it successive ids are
 * monotonic even within one millisecond.
 */
export const newMessageId = (at?: Date): string =>
  at ? uuidv7({ msecs: at.getTime() }) : uuidv7();

const MAX_SEQUENCE = 0xffffffff;

/** The time (ms) and 32-bit counter a UUIDv7 made by `uuid` carries after its version. */
function v7Parts(id: string): { msecs: number; seq: number } {
  const hex = id.replace(/-/g, '');
  const byte = (i: number) => parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  const seq =
    (byte(6) & 0x0f) * 2 ** 28 +
    byte(7) * 2 ** 20 +
    (byte(8) & 0x3f) * 2 ** 14 +
    byte(9) * 2 ** 6 +
    (byte(10) >>> 2);
  return { msecs: parseInt(hex.slice(0, 12), 16), seq };
}

/**
 * The id of a session's next message: a UUIDv7 dated `at`, and always greater than the
 * session's newest id `previous`. Called while the session row is locked, so ids of one
 * session grow in commit order even when the clocks of several service instances disagree
 * (a subscriber that has seen an id then never meets a smaller one committed later).
 */
export function messageIdAfter(previous: string | null, at: Date): string {
  const candidate = uuidv7({ msecs: at.getTime() });
  if (previous === null || candidate > previous) return candidate;
  const { msecs, seq } = v7Parts(previous);
  return seq < MAX_SEQUENCE
    ? uuidv7({ msecs, seq: seq + 1 })
    : uuidv7({ msecs: msecs + 1, seq: 0 });
}
