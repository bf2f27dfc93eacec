import { randomUUID } from 'node:crypto';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import type Redis from 'ioredis';
import { eventually, testLog } from '../../../test/helpers';
import { redisServerAvailable, startTestRedis, type TestRedis } from '../../../test/redis-server';
import { startSubgraphs, type StartedSubgraphs } from '../../../test/subgraphs';
import { startTracing, type Tracing } from '../observability/tracing';
import { connectRedis, redisReady } from '../redis/connection';
import type { EventConsumer } from './bus';
import type { DomainEvent } from './catalog';
import { traceEventRecord, traceparentOf } from './event-tracing';
import { Outbox } from './outbox';
import { RedisStreamsEventBus } from './redis-streams-bus';
import { decodeEvent, encodeEvent, parseEntries, redisKeys } from './redis-streams-shared';
import { noteApplyOutcome, tracedConsumer } from './traced-consumer';

/**
 * Domain-event spans with tracing on (in-memory exporter): the consumer wrapper both buses
 * use, the record span, and the trace context's trip through Redis Streams (relay and
 * consumer in two bus instances, as two processes would run them).
 */
const exporter = new InMemorySpanExporter();
const tracer = () => trace.getTracer('test');
const idOf = (span: ReadableSpan) => span.spanContext().spanId;
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const named = (name: string) => exporter.getFinishedSpans().filter((s) => s.name === name);

const registration = (traceParent?: string): DomainEvent<'user.registered'> => ({
  id: randomUUID(),
  type: 'user.registered',
  producer: 'auth',
  occurredAt: new Date(),
  payload: {
    userId: randomUUID(),
    email: 'secret@campus.test',
    firstName: 'Secret',
    lastName: 'Name',
    role: 'STUDENT',
  },
  ...(traceParent ? { traceParent } : {}),
});

/** Runs `work` in an active span of its own, as a request would; returns that span's id. */
async function inRequest<T>(work: () => Promise<T>): Promise<{ result: T; spanId: string }> {
  return tracer().startActiveSpan('test request', async (span) => {
    try {
      return { result: await work(), spanId: span.spanContext().spanId };
    } finally {
      span.end();
    }
  });
}

let tracing: Tracing;
beforeAll(() => {
  tracing = startTracing({
    serviceName: 'campus',
    config: { traceSampleRatio: 1 },
    exporter,
    log: testLog,
  });
});
afterAll(() => tracing.shutdown());

describe('event.record', () => {
  it('is a child of the active span, and hands its own traceparent to the write', async () => {
    const { result: stored, spanId } = await inRequest(() =>
      traceEventRecord({ id: 'e-1', type: 'user.registered', producer: 'auth' }, (tp) =>
        Promise.resolve(tp),
      ),
    );
    const [record] = named('event.record user.registered');
    expect(record && parentOf(record)).toBe(spanId);
    expect(record?.kind).toBe(SpanKind.PRODUCER);
    expect(stored).toBe(`00-${record?.spanContext().traceId}-${record && idOf(record)}-01`);
  });

  it('records nothing outside a traced request (migrations, scripts)', async () => {
    exporter.reset();
    const stored = await traceEventRecord(
      { id: 'e-2', type: 'user.registered', producer: 'auth' },
      (tp) => Promise.resolve(tp),
    );
    expect(stored).toBeUndefined();
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});

describe('tracedConsumer', () => {
  const consumer = (handle: EventConsumer['handle']): EventConsumer =>
    tracedConsumer({ group: 'test.group', types: ['user.registered'], handle });

  beforeEach(() => exporter.reset());

  it("continues the producer's trace (parent and link), linked to the delivery in progress", async () => {
    const producer = tracer().startSpan('producer');
    const traceParent = traceparentOf(trace.setSpan(context.active(), producer));
    producer.end();
    const event = registration(traceParent);
    const { spanId: deliveryId } = await inRequest(() =>
      consumer(async () => noteApplyOutcome('applied')).handle(event),
    );

    const [apply] = named('event.apply user.registered');
    expect(apply?.kind).toBe(SpanKind.CONSUMER);
    expect(apply?.spanContext().traceId).toBe(producer.spanContext().traceId);
    expect(apply && parentOf(apply)).toBe(producer.spanContext().spanId);
    expect(apply?.links.map((l) => l.context.spanId)).toEqual([
      producer.spanContext().spanId,
      deliveryId,
    ]);
    expect(apply?.attributes).toEqual({
      'campus.consumer.group': 'test.group',
      'campus.event.type': 'user.registered',
      'campus.event.id': event.id,
      'campus.producer': 'auth',
      'campus.event.outcome': 'applied',
    });
  });

  it('starts a trace of its own for an event recorded untraced', async () => {
    await consumer(async () => noteApplyOutcome('already-processed')).handle(registration());
    const [apply] = named('event.apply user.registered');
    expect(apply && parentOf(apply)).toBeUndefined();
    expect(apply?.links).toEqual([]);
    expect(apply?.attributes['campus.event.outcome']).toBe('already-processed');
  });

  it('marks a failed apply by error class only, and rethrows', async () => {
    const failing = consumer(() => Promise.reject(new Error('row (secret@campus.test) refused')));
    await expect(failing.handle(registration())).rejects.toThrow('refused');
    const [apply] = named('event.apply user.registered');
    expect(apply?.status.code).toBe(SpanStatusCode.ERROR);
    expect(apply?.attributes['error.type']).toBe('Error');
    expect(JSON.stringify([apply?.attributes, apply?.status, apply?.events])).not.toContain(
      'secret',
    );
  });
});

describe('Redis Streams entries', () => {
  it('carry the trace context, and entries without one decode as untraced', () => {
    const traced = registration(`00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`);
    const decode = (list: string[]) => {
      const fields: Record<string, string> = {};
      for (let i = 0; i + 1 < list.length; i += 2) fields[list[i] ?? ''] = list[i + 1] ?? '';
      return decodeEvent('auth', fields);
    };
    expect(decode(encodeEvent(traced, 'me'))?.traceParent).toBe(traced.traceParent);
    const untraced = encodeEvent(registration(), 'me');
    // Same fields, so entries of one batch have one width (the relay's Lua relies on it).
    expect(untraced.length).toBe(encodeEvent(traced, 'me').length);
    expect(decode(untraced)).not.toHaveProperty('traceParent');
    // An entry written before the field existed.
    expect(decode(untraced.slice(0, -2))).not.toHaveProperty('traceParent');
  });
});

const describeWithRedis = redisServerAvailable() ? describe : describe.skip;

describeWithRedis('through Redis Streams', () => {
  let redis: TestRedis;
  let inspect: Redis;
  let buses: RedisStreamsEventBus[];
  let auth: StartedSubgraphs<'auth'>;
  let users: StartedSubgraphs<'users'>;

  beforeAll(async () => {
    redis = await startTestRedis();
    inspect = connectRedis(redis.url, testLog, 'test-inspect');
    await redisReady(inspect);
    buses = [0, 1].map(() => new RedisStreamsEventBus({ redisUrl: redis.url, log: testLog }));
    auth = await startSubgraphs(['auth'], { seed: false, runtime: { bus: buses[0] } });
    users = await startSubgraphs(['users'], { seed: false, runtime: { bus: buses[1] } });
  });
  afterAll(async () => {
    await users?.stop();
    await auth?.stop();
    await Promise.all(buses.map((bus) => bus.close()));
    inspect?.disconnect();
    await redis?.stop();
  });

  it('relays the context with the event; the consumer in another instance continues the trace', async () => {
    exporter.reset();
    const outbox = new Outbox('auth', auth.auth.dataSource);
    const { result: event } = await inRequest(() =>
      auth.auth.dataSource.transaction((manager) =>
        outbox.append(manager, 'user.registered', registration().payload),
      ),
    );
    buses[0]?.notify('auth');
    const [record] = named('event.record user.registered');
    expect(record).toBeDefined();
    expect(event.traceParent).toBe(
      `00-${record?.spanContext().traceId}-${record && idOf(record)}-01`,
    );

    const apply = await eventually(async () => {
      const found = named('event.apply user.registered').find(
        (s) => s.attributes['campus.event.id'] === event.id,
      );
      return found ?? null;
    });
    expect(apply.attributes['campus.consumer.group']).toBe('users.profiles');
    expect(apply.attributes['campus.event.outcome']).toBe('applied');
    expect(parentOf(apply)).toBe(record && idOf(record));

    const relay = named('event.relay').find((s) =>
      s.links.some((l) => record && l.context.spanId === idOf(record)),
    );
    expect(relay?.kind).toBe(SpanKind.PRODUCER);
    expect(relay?.attributes).toMatchObject({ 'campus.producer': 'auth' });
    expect(relay?.attributes['campus.event.count']).toBeGreaterThanOrEqual(1);

    const stream = redisKeys.stream('auth');
    const entries = parseEntries(stream, await inspect.call('XRANGE', stream, '-', '+'));
    const entry = entries.find((e) => e.fields?.id === event.id);
    expect(entry?.fields?.traceParent).toBe(event.traceParent);
  });
});
