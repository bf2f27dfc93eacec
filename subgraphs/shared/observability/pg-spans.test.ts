import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import pg from 'pg';
import { instrumentPg } from './pg-spans';

/** The `pg` module patched in place: a span per statement under its caller's, no values. */
describe('pg spans', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  let client: pg.Client;
  let unpatch: () => void;

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    unpatch = instrumentPg(provider);
    client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
  });
  afterAll(async () => {
    unpatch();
    await client?.end();
    context.disable();
    await provider.shutdown();
  });
  beforeEach(() => exporter.reset());

  const secret = 'hunter2-not-in-any-span';
  const query = () => client.query('SELECT $1::text AS secret', [secret]);

  it('records a statement under the active span, with its text and never its values', async () => {
    const parent = provider.getTracer('test').startSpan('parent');
    const result = await context.with(trace.setSpan(context.active(), parent), query);
    parent.end();
    expect(result.rows).toEqual([{ secret }]);
    const [statement] = exporter.getFinishedSpans().filter((s) => s.name !== 'parent');
    expect(statement?.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(statement?.attributes).toMatchObject({
      'db.system.name': 'postgresql',
      'db.query.text': 'SELECT $1::text AS secret',
    });
    expect(JSON.stringify(exporter.getFinishedSpans().map((s) => s.attributes))).not.toContain(
      secret,
    );
  });

  it('starts no trace of its own for statements outside any span', async () => {
    await query();
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('stops recording once unpatched', async () => {
    unpatch();
    const parent = provider.getTracer('test').startSpan('parent');
    await context.with(trace.setSpan(context.active(), parent), query);
    parent.end();
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['parent']);
    unpatch = instrumentPg(provider);
  });
});
