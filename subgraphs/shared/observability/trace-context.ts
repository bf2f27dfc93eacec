import { randomBytes } from 'node:crypto';

/** W3C Trace Context (https://www.w3.org/TR/trace-context/): the ids one request carries. */
export interface TraceIds {
  /** 32 lowercase hex digits, not all zero. */
  traceId: string;
  /** 16 lowercase hex digits, not all zero: the caller's span. */
  spanId: string;
  sampled: boolean;
}

export const TRACEPARENT_HEADER = 'traceparent';
/** The gateway's answer names the request's trace, so a bug report can be found. */
export const TRACE_ID_RESPONSE_HEADER = 'x-trace-id';

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);

/** A `traceparent` header's ids, or undefined when it is absent or malformed. */
export function parseTraceparent(header: string | string[] | undefined): TraceIds | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value || value.length > 512) return undefined;
  const match = TRACEPARENT.exec(value.trim().toLowerCase());
  if (!match) return undefined;
  const [, version, traceId, spanId, flags] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  // Version ff is invalid; version 00 has exactly four fields.
  if (version === 'ff' || (version === '00' && value.trim().length !== 55)) return undefined;
  if (traceId === ZERO_TRACE || spanId === ZERO_SPAN) return undefined;
  return { traceId, spanId, sampled: (parseInt(flags, 16) & 1) === 1 };
}

export function formatTraceparent(ids: TraceIds): string {
  return `00-${ids.traceId}-${ids.spanId}-${ids.sampled ? '01' : '00'}`;
}

export const newTraceId = (): string => randomBytes(16).toString('hex');
export const newSpanId = (): string => randomBytes(8).toString('hex');
