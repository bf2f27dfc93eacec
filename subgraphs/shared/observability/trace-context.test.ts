import { formatTraceparent, newSpanId, newTraceId, parseTraceparent } from './trace-context';

describe('W3C traceparent', () => {
  const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('reads the ids and the sampled flag', () => {
    expect(parseTraceparent(valid)).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      sampled: true,
    });
    expect(parseTraceparent(valid.replace(/01$/, '00'))?.sampled).toBe(false);
    expect(parseTraceparent([valid, 'x'])?.spanId).toBe('00f067aa0ba902b7');
  });

  it.each([
    undefined,
    '',
    'garbage',
    '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7', // no flags
    '00-00000000000000000000000000000000-00f067aa0ba902b7-01', // zero trace id
    '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01', // zero span id
    'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', // invalid version
    '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra', // 00 has four fields
    `00-${'a'.repeat(600)}`,
  ])('refuses %p', (header) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });

  it('accepts a later version with more fields', () => {
    expect(parseTraceparent(`01-${valid.slice(3)}-more`)?.traceId).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
  });

  it('writes what it reads, with fresh ids of the right shape', () => {
    const ids = { traceId: newTraceId(), spanId: newSpanId(), sampled: false };
    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(ids.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(parseTraceparent(formatTraceparent(ids))).toEqual(ids);
    expect(newTraceId()).not.toBe(ids.traceId);
  });
});
