/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for tests: it
 * throws on any line a Prometheus server would refuse or that breaks the format's rules
 * (one HELP and TYPE per family, before its samples; samples of a family together; label
 * syntax and escapes; histogram series complete and consistent).
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/** As Prometheus reads values (Go's ParseFloat): NaN and Inf in any case (prom-client writes `Nan`). */
function parseValue(text: string, line: string): number {
  if (/^\+?inf$/i.test(text)) return Infinity;
  if (/^-inf$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) {
    throw new Error(`bad value in: ${line}`);
  }
  return Number(text);
}

/** `{a="x",b="y"}` from position 0 of `text`; returns the labels and where they end. */
function parseLabels(text: string, line: string): [Record<string, string>, number] {
  const labels: Record<string, string> = {};
  let i = 1;
  while (text[i] !== '}') {
    const eq = text.indexOf('=', i);
    const name = text.slice(i, eq);
    if (eq < 0 || !LABEL_NAME.test(name)) throw new Error(`bad label name in: ${line}`);
    if (Object.hasOwn(labels, name)) throw new Error(`repeated label ${name} in: ${line}`);
    if (text[eq + 1] !== '"') throw new Error(`unquoted label value in: ${line}`);
    let value = '';
    let j = eq + 2;
    for (; j < text.length && text[j] !== '"'; j += 1) {
      if (text[j] === '\\') {
        const escaped = text[j + 1];
        if (escaped === 'n') value += '\n';
        else if (escaped === '\\' || escaped === '"') value += escaped;
        else throw new Error(`bad escape in: ${line}`);
        j += 1;
      } else value += text[j];
    }
    if (j >= text.length) throw new Error(`unterminated label value in: ${line}`);
    labels[name] = value;
    i = j + 1;
    if (text[i] === ',') i += 1;
    else if (text[i] !== '}') throw new Error(`bad label separator in: ${line}`);
  }
  return [labels, i + 1];
}

function parseSample(line: string): Sample {
  const nameEnd = line.search(/[{ ]/);
  const name = line.slice(0, nameEnd);
  if (nameEnd <= 0 || !METRIC_NAME.test(name)) throw new Error(`bad metric name in: ${line}`);
  let rest = line.slice(nameEnd);
  let labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    const [parsed, end] = parseLabels(rest, line);
    labels = parsed;
    rest = rest.slice(end);
  }
  const parts = rest.trim().split(/\s+/);
  if (!rest.startsWith(' ') || parts.length < 1 || parts.length > 2) {
    throw new Error(`bad sample in: ${line}`);
  }
  if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1])) {
    throw new Error(`bad timestamp in: ${line}`);
  }
  return { name, labels, value: parseValue(parts[0] ?? '', line) };
}

/** The sample names a family of this type may have. */
function belongs(family: Family, sample: string): boolean {
  if (family.type === 'histogram') {
    return ['_bucket', '_sum', '_count'].some((suffix) => sample === family.name + suffix);
  }
  if (family.type === 'summary') {
    return (
      sample === family.name || sample === `${family.name}_sum` || sample === `${family.name}_count`
    );
  }
  return sample === family.name;
}

const seriesKey = (labels: Record<string, string>, without: string): string =>
  JSON.stringify(
    Object.entries(labels)
      .filter(([k]) => k !== without)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

/** Buckets cumulative, ending in +Inf equal to _count, for each series of a histogram. */
function checkHistogram(family: Family): void {
  const series = new Map<string, { buckets: [number, number][]; count?: number }>();
  const of = (key: string) => {
    let found = series.get(key);
    if (!found) series.set(key, (found = { buckets: [] }));
    return found;
  };
  for (const sample of family.samples) {
    if (sample.name.endsWith('_bucket')) {
      const le = sample.labels.le;
      if (le === undefined) throw new Error(`${family.name}: bucket without le`);
      of(seriesKey(sample.labels, 'le')).buckets.push([parseValue(le, le), sample.value]);
    } else if (sample.name.endsWith('_count')) {
      of(seriesKey(sample.labels, '')).count = sample.value;
    }
  }
  for (const [key, { buckets, count }] of series) {
    const last = buckets.at(-1);
    if (!last || last[0] !== Infinity) throw new Error(`${family.name}${key}: no +Inf bucket`);
    for (let i = 1; i < buckets.length; i += 1) {
      const [le, value] = buckets[i] ?? [0, 0];
      const [prevLe, prevValue] = buckets[i - 1] ?? [0, 0];
      if (le <= prevLe || value < prevValue) {
        throw new Error(`${family.name}${key}: buckets not cumulative`);
      }
    }
    if (count !== last[1]) throw new Error(`${family.name}${key}: +Inf bucket is not _count`);
  }
}

export function parsePrometheusText(text: string): Map<string, Family> {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  const families = new Map<string, Family>();
  const closed = new Set<string>();
  let current: Family | undefined;
  const declared = (name: string): Family => {
    let family = families.get(name);
    if (!family) {
      if (closed.has(name)) throw new Error(`family ${name} declared twice`);
      if (current) closed.add(current.name);
      family = { name, help: '', type: 'untyped', samples: [] };
      families.set(name, family);
      current = family;
    } else if (family !== current || family.samples.length > 0) {
      throw new Error(`HELP/TYPE of ${name} repeated or after its samples`);
    }
    return family;
  };
  const comments = new Set<string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const comment = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (comment) {
      const [, kind, name = '', rest = ''] = comment;
      if (!METRIC_NAME.test(name)) throw new Error(`bad family name in: ${line}`);
      if (comments.has(`${kind} ${name}`)) throw new Error(`repeated ${kind} of ${name}`);
      comments.add(`${kind} ${name}`);
      const family = declared(name);
      if (kind === 'HELP') family.help = rest;
      else if (TYPES.has(rest)) family.type = rest as Family['type'];
      else throw new Error(`bad TYPE in: ${line}`);
      continue;
    }
    if (line.startsWith('#')) continue;
    const sample = parseSample(line);
    if (!current || !belongs(current, sample.name)) {
      throw new Error(`sample outside its family (${current?.name ?? 'none'}): ${line}`);
    }
    current.samples.push(sample);
  }
  for (const family of families.values()) {
    if (family.type === 'histogram') checkHistogram(family);
  }
  return families;
}

/** The value of the one sample of `name` whose labels include `labels`; 0 when none. */
export function sampleValue(
  families: Map<string, Family>,
  name: string,
  labels: Record<string, string> = {},
): number {
  const matches = [...families.values()]
    .flatMap((f) => f.samples)
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (matches.length > 1) throw new Error(`${matches.length} samples of ${name} match`);
  return matches[0]?.value ?? 0;
}

/** Every sample of `name`. */
export const samplesOf = (families: Map<string, Family>, name: string): Sample[] =>
  [...families.values()].flatMap((f) => f.samples).filter((s) => s.name === name);
