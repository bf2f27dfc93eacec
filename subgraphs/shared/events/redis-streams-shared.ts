import type { SubgraphName } from '../topology';
import { EVENT_PRODUCERS, type DomainEvent, type EventPayloads, type EventType } from './catalog';

/**
 * Redis keys, entry encoding and small helpers shared by the Redis Streams transport
 * (redis-streams-bus.ts, redis-relay.ts, redis-stream-consumer.ts).
 */
export const redisKeys = {
  /** One stream per producer, in outbox order. */
  stream: (producer: SubgraphName): string => `campus:events:${producer}`,
  /** Held by the one relay instance that publishes a producer's outbox. */
  relayLock: (producer: SubgraphName): string => `campus:relay-lock:${producer}`,
  /**
   * Written with the first publication into this Redis; missing while the relay's cursor is
   * past the start means Redis lost its data (restarted without persistence): republish.
   */
  relayMarker: (producer: SubgraphName): string => `campus:relay-marker:${producer}`,
  /** Set once a group applied an event, for waitUntilApplied (with an expiry). */
  applied: (group: string, eventId: string): string => `campus:applied:${group}:${eventId}`,
  /** Sorted set: the group's live consumer instances, scored by when their heartbeat lapses. */
  groupMembers: (group: string): string => `campus:group-members:${group}`,
};

/** The cursor name under which a producer's relay remembers its place in outbox_cursors. */
export const RELAY_CURSOR_GROUP = 'redis-relay';

/** The event types a producer writes. */
export const typesOf = (producer: SubgraphName): EventType[] =>
  (Object.keys(EVENT_PRODUCERS) as EventType[]).filter(
    (type) => EVENT_PRODUCERS[type] === producer,
  );

/** Field/value pairs of a stream entry (XADD order). */
export function encodeEvent(event: DomainEvent, publishedBy: string): string[] {
  return [
    'id',
    event.id,
    'type',
    event.type,
    'payload',
    JSON.stringify(event.payload),
    'occurredAt',
    event.occurredAt.toISOString(),
    'publishedBy',
    publishedBy,
    // Always present (empty: untraced): every entry of a batch has the same fields.
    'traceParent',
    event.traceParent ?? '',
  ];
}

const isEventType = (type: string | undefined): type is EventType =>
  type !== undefined && Object.hasOwn(EVENT_PRODUCERS, type);

/** The event of a stream entry, or undefined when the entry is not one (malformed). */
export function decodeEvent(
  producer: SubgraphName,
  fields: Readonly<Record<string, string>>,
): DomainEvent | undefined {
  const { id, type, payload, occurredAt, traceParent } = fields;
  if (!id || !isEventType(type) || payload === undefined || occurredAt === undefined) {
    return undefined;
  }
  try {
    return {
      id,
      type,
      producer,
      occurredAt: new Date(occurredAt),
      payload: JSON.parse(payload) as EventPayloads[EventType],
      ...(traceParent ? { traceParent } : {}),
    };
  } catch {
    return undefined;
  }
}

export interface StreamEntry {
  stream: string;
  id: string;
  /** Null for an entry deleted from the stream while still pending. */
  fields: Record<string, string> | null;
}

const isString = (value: unknown): value is string => typeof value === 'string';

function parseFields(raw: unknown): Record<string, string> | null {
  if (!Array.isArray(raw)) return null;
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const [name, value] = [raw[i] as unknown, raw[i + 1] as unknown];
    if (isString(name) && isString(value)) fields[name] = value;
  }
  return fields;
}

/** Entries of one stream as XRANGE, XAUTOCLAIM and each stream of XREADGROUP return them. */
export function parseEntries(stream: string, raw: unknown): StreamEntry[] {
  if (!Array.isArray(raw)) return [];
  const entries: StreamEntry[] = [];
  for (const item of raw as unknown[]) {
    if (!Array.isArray(item) || !isString(item[0])) continue;
    entries.push({ stream, id: item[0], fields: parseFields(item[1]) });
  }
  return entries;
}

/** An XREADGROUP reply: null (nothing before BLOCK ran out) or [[stream, entries], ...]. */
export function parseReadReply(raw: unknown): StreamEntry[] {
  if (!Array.isArray(raw)) return [];
  return (raw as unknown[]).flatMap((item) =>
    Array.isArray(item) && isString(item[0]) ? parseEntries(item[0], item[1]) : [],
  );
}

/** An XAUTOCLAIM reply: [next start id, claimed entries, ids deleted meanwhile]. */
export function parseAutoClaimReply(
  stream: string,
  raw: unknown,
): { next: string; entries: StreamEntry[] } {
  if (!Array.isArray(raw) || !isString(raw[0])) return { next: '0-0', entries: [] };
  return { next: raw[0], entries: parseEntries(stream, raw[1]) };
}

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
