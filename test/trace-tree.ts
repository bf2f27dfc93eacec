import type { ReadableSpan } from '@opentelemetry/sdk-trace';

const ms = (span: ReadableSpan) => span.duration[0] * 1e3 + span.duration[1] / 1e6;
const startOf = (span: ReadableSpan) => span.startTime[0] * 1e3 + span.startTime[1] / 1e6;

/** What a line shows of a span besides its name: the few attributes that tell it apart. */
function detail(span: ReadableSpan): string {
  const a = span.attributes;
  const parts: string[] = [];
  if (typeof a.service === 'string') parts.push(a.service);
  if (typeof a['campus.batch.size'] === 'number') parts.push(`${a['campus.batch.size']} keys`);
  if (typeof a['campus.subgraph.operations'] === 'number' && a['campus.subgraph.operations'] > 1) {
    parts.push(`${a['campus.subgraph.operations']} operations batched`);
  }
  const statement = a['db.query.text'] ?? a['db.statement'];
  if (typeof statement === 'string') parts.push(statement.replace(/\s+/g, ' ').slice(0, 70));
  return parts.length > 0 ? `  (${parts.join(', ')})` : '';
}

/**
 * A trace as an indented tree, children in start order, each line with its duration and
 * offset from the root: what a trace viewer shows, as text (the README's dashboard trace).
 */
export function renderTraceTree(spans: readonly ReadableSpan[]): string {
  const ids = new Set(spans.map((s) => s.spanContext().spanId));
  const children = new Map<string, ReadableSpan[]>();
  for (const span of spans) {
    const parent = span.parentSpanContext?.spanId;
    const key = parent && ids.has(parent) ? parent : '';
    children.set(key, [...(children.get(key) ?? []), span]);
  }
  const roots = children.get('') ?? [];
  const origin = Math.min(...roots.map(startOf));
  const lines: string[] = [];
  const walk = (span: ReadableSpan, depth: number) => {
    const offset = (startOf(span) - origin).toFixed(1).padStart(6);
    const took = ms(span).toFixed(1).padStart(6);
    lines.push(`${offset} ms ${took} ms  ${'  '.repeat(depth)}${span.name}${detail(span)}`);
    const next = [...(children.get(span.spanContext().spanId) ?? [])];
    for (const child of next.sort((x, y) => startOf(x) - startOf(y))) walk(child, depth + 1);
  };
  for (const root of roots) walk(root, 0);
  return `${' start'.padStart(6)}    ${'took'.padStart(6)}     span\n${lines.join('\n')}\n`;
}
