import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { AccessTokenSigner } from '../../subgraphs/shared/auth/tokens';
import type { JwtConfig } from '../../subgraphs/shared/config';
import type { BenchCredentials } from './dataset';
import { sampleProcess } from './proc-stats';

/**
 * Chat fan-out through the gateway (issue 10): N graphql-ws clients, one socket each, all
 * subscribed to `supportMessageAdded(sessionId)` of one support session with a selection
 * that crosses subgraphs (`sender { name }` comes from users), then
 *
 * - a burst: `burst` messages sent back to back (`burstConcurrency` mutations in flight);
 * - sustained rates: for each rate r, messages sent open-loop on a fixed schedule of r per
 *   second for `secondsPerRate` seconds, whatever the previous responses did.
 *
 * Latency of one (subscriber, message) pair = the moment that subscriber's `next` callback
 * ran for the message − the moment the `sendSupportMessage` HTTP response arrived, both on
 * this process's monotonic clock (performance.now()). It is reported signed, NOT clamped:
 * an event can beat the mutation's own response (support notifies after commit, before its
 * HTTP answer has travelled back through the gateway), which gives small negative values;
 * `negative` counts them. A pair never received within `settleMs` after the last send of
 * its phase is `missing` and is left out of the percentiles; a phase with anything missing
 * never counts as "p99 under the bar".
 *
 * The subscribers run in this process: on a small machine their own work (1,000 frames
 * parsed per message) adds to the latency. `clientLoopDelay` reports this process's event
 * loop delay so that share can be judged.
 */

export const FANOUT_SUBSCRIPTION = /* GraphQL */ `
  subscription FanoutMessages($sessionId: ID!) {
    supportMessageAdded(sessionId: $sessionId) {
      id
      body
      sender {
        name
      }
    }
  }
`;

export const FANOUT_SEND = /* GraphQL */ `
  mutation FanoutSend($sessionId: ID!, $body: String!) {
    sendSupportMessage(sessionId: $sessionId, body: $body) {
      id
    }
  }
`;

/** The bar of issue 10: chat fan-out p99 under 100 ms. */
export const FANOUT_P99_BAR_MS = 100;

export interface FanoutLatency {
  /** Messages sent (mutations answered with an id) in the phase. */
  messages: number;
  /** Mutations that failed (HTTP or GraphQL error): not counted in `messages`. */
  sendErrors: number;
  p50: number;
  p99: number;
  max: number;
  /** (subscriber, message) pairs never received. */
  missing: number;
  /** Received pairs whose event arrived before the mutation's response (latency < 0). */
  negative: number;
  /** Mutation round trip (send → response), p50 / p99, ms. */
  sendP50: number;
  sendP99: number;
  /** CPU (ms) each role of `serverPids` used from the phase's first send to its last receipt (or settle timeout). */
  serverCpuMs?: Record<string, number>;
}

export interface FanoutRate extends FanoutLatency {
  ratePerSecond: number;
  /** Messages per second actually sent (responses over the phase's duration). */
  achievedPerSecond: number;
  /** p99 < bar and nothing missing. */
  underBar: boolean;
}

export interface FanoutResult {
  subscribers: number;
  /** Distinct tokens among the subscribers (the gateway shares upstream work per token). */
  distinctTokens: number;
  /** From the first socket opened to every subscriber having received a warm-up message. */
  readyMs: number;
  /** Warm-up messages needed until every subscriber was live. */
  warmupMessages: number;
  burst: FanoutLatency;
  sustained: FanoutRate[];
  /** Highest rate (of those tried) whose p99 stayed under the bar with nothing missing; 0 if none. */
  maxRateUnder100msP99: number;
  /** Sockets that closed during the measurement. */
  disconnects: number;
  /** Subscriptions the server ended (completed or errored) during the measurement, and why (a sample). */
  subscriptionsEnded: number;
  /** Events that came with errors instead of data (e.g. a refetch that timed out), and a sample. */
  errorEvents: number;
  errorSample?: string;
  /** This process's event loop delay during the measurement (ms), subscribers included. */
  clientLoopDelay: { p50: number; p99: number; max: number };
  /** CPU this process (the subscribers and the sender) used during the measurement, and the wall time it took (ms). */
  clientCpuMs: number;
  measuredMs: number;
}

export interface FanoutLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface FanoutOptions {
  /** The gateway's HTTP URL of /graphql; graphql-ws is served on the same path. */
  gatewayUrl: string;
  /** A support session every token below may follow (ADMIN tokens, its customer's, its assignee's). */
  sessionId: string;
  /** A participant's access token (no "Bearer "): sends every message. */
  senderToken: string;
  /** Subscriber i connects with subscriberTokens[i % length] (no "Bearer "). */
  subscriberTokens: readonly string[];
  subscribers: number;
  /** Messages in the burst. */
  burst: number;
  /** Mutations in flight during the burst (default 1: back to back). */
  burstConcurrency?: number;
  /** Messages per second, tried in this order. */
  rates: readonly number[];
  secondsPerRate: number;
  /** Sockets opened at once while connecting (default 50). */
  connectConcurrency?: number;
  /** How long to wait, after a phase's last response, for missing receipts (default 5,000 ms). */
  settleMs?: number;
  /** Give up making every subscriber live after this long (default 60,000 ms). */
  readyTimeoutMs?: number;
  /** Skip the remaining (higher) rates once one has a p99 above this or anything missing (default 2,000 ms). */
  abandonAboveMs?: number;
  /** The bar (default 100 ms). */
  barMs?: number;
  /** Server processes by role (e.g. gateway, subgraphs, postgres) whose CPU each phase reports (Linux /proc). */
  serverPids?: Record<string, () => number[]>;
  log?: FanoutLog;
}

const silent: FanoutLog = { info: () => undefined, warn: () => undefined };
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const round = (ms: number) => Math.round(ms * 10) / 10;

/** Nearest-rank percentile of sorted values (0 when empty). */
function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

interface Sent {
  id: string;
  /** performance.now() when the request left and when its response arrived. */
  sentAt: number;
  answeredAt: number;
}

/** Receipt times per message id, one slot per subscriber (NaN: not received). */
class Receipts {
  private readonly byMessage = new Map<string, Float64Array>();
  private readonly waiters = new Set<() => void>();
  /** Count of received pairs per message. */
  private readonly counts = new Map<string, number>();

  constructor(private readonly subscribers: number) {}

  record(subscriber: number, messageId: string, at: number): void {
    let times = this.byMessage.get(messageId);
    if (!times) {
      times = new Float64Array(this.subscribers).fill(Number.NaN);
      this.byMessage.set(messageId, times);
    }
    if (!Number.isNaN(times[subscriber] ?? Number.NaN)) return; // a duplicate: keep the first
    times[subscriber] = at;
    this.counts.set(messageId, (this.counts.get(messageId) ?? 0) + 1);
    if (this.waiters.size > 0) for (const waiter of [...this.waiters]) waiter();
  }

  count(messageId: string): number {
    return this.counts.get(messageId) ?? 0;
  }

  times(messageId: string): Float64Array | undefined {
    return this.byMessage.get(messageId);
  }

  /** Resolves true when every id has all its receipts, false after `timeoutMs`. */
  complete(ids: readonly string[], timeoutMs: number): Promise<boolean> {
    const done = () => ids.every((id) => this.count(id) >= this.subscribers);
    if (done()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = () => {
        if (!done()) return;
        finish(true);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      const finish = (value: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(value);
      };
      this.waiters.add(check);
    });
  }

  /** Drops what a finished phase recorded (memory stays bounded across phases). */
  forget(ids: readonly string[]): void {
    for (const id of ids) {
      this.byMessage.delete(id);
      this.counts.delete(id);
    }
  }
}

/** Sends one message through the gateway over HTTP; the id and when its response arrived. */
async function send(url: string, token: string, sessionId: string, body: string): Promise<Sent> {
  const sentAt = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: FANOUT_SEND, variables: { sessionId, body } }),
  });
  const text = await response.text();
  const answeredAt = performance.now();
  let id: unknown;
  try {
    const parsed = JSON.parse(text) as { data?: { sendSupportMessage?: { id?: unknown } } };
    id = parsed.data?.sendSupportMessage?.id;
  } catch {
    id = undefined;
  }
  if (typeof id !== 'string') {
    throw new Error(`sendSupportMessage failed (${response.status}): ${text.slice(0, 300)}`);
  }
  return { id, sentAt, answeredAt };
}

function summarize(
  sent: readonly Sent[],
  receipts: Receipts,
  subscribers: number,
  sendErrors: number,
): FanoutLatency {
  const latencies = new Float64Array(sent.length * subscribers);
  let n = 0;
  let missing = 0;
  let negative = 0;
  for (const message of sent) {
    const times = receipts.times(message.id);
    for (let s = 0; s < subscribers; s += 1) {
      const at = times?.[s] ?? Number.NaN;
      if (Number.isNaN(at)) {
        missing += 1;
        continue;
      }
      const latency = at - message.answeredAt;
      if (latency < 0) negative += 1;
      latencies[n] = latency;
      n += 1;
    }
  }
  const received = latencies.subarray(0, n).sort();
  const roundTrips = Float64Array.from(sent.map((m) => m.answeredAt - m.sentAt)).sort();
  return {
    messages: sent.length,
    sendErrors,
    p50: round(percentile(received, 50)),
    p99: round(percentile(received, 99)),
    max: round(n > 0 ? (received[n - 1] ?? 0) : 0),
    missing,
    negative,
    sendP50: round(percentile(roundTrips, 50)),
    sendP99: round(percentile(roundTrips, 99)),
  };
}

/**
 * Access tokens for `count` viewers of one support session, `distinct` of them different
 * (the gateway shares one upstream subscription, and one refetch per event, among
 * subscribers with the same token, so the number of distinct tokens is what costs):
 * the session's customer first, then ADMIN tokens, each an auth session of its own (an
 * admin signed in on another device). Signed with the services' key, as auth would.
 */
export async function signFanoutTokens(
  jwt: JwtConfig,
  viewers: { customerId: string; adminIds: readonly string[] },
  distinct: number,
): Promise<string[]> {
  const signer = new AccessTokenSigner(jwt);
  const { adminIds } = viewers;
  if (adminIds.length === 0) throw new Error('signFanoutTokens needs at least one admin');
  const tokens: string[] = [];
  for (let i = 0; i < Math.max(1, distinct); i += 1) {
    const user =
      i === 0
        ? { userId: viewers.customerId, role: 'STUDENT' as const }
        : { userId: adminIds[(i - 1) % adminIds.length] ?? '', role: 'ADMIN' as const };
    const { token } = await signer.sign({ ...user, sessionId: randomUUID() });
    tokens.push(token);
  }
  return tokens;
}

/**
 * What measureFanout needs on the bench data set (dataset.ts): its busiest session (ASSIGNED
 * to the bench admin), messages sent by that session's customer, and `distinct` viewer
 * tokens (the customer, then the admin signed in `distinct - 1` times). The data set has a
 * single admin, and support admits any ADMIN token as a participant (the staff view is only
 * consulted for assignees), so no extra rows are needed.
 */
export async function benchFanoutInputs(
  jwt: JwtConfig,
  credentials: Pick<BenchCredentials, 'admin' | 'busySessions'>,
  distinct: number,
): Promise<Pick<FanoutOptions, 'sessionId' | 'senderToken' | 'subscriberTokens'>> {
  const session = credentials.busySessions[0];
  if (!session) throw new Error('the bench data set has no busy support session');
  const [senderToken = ''] = await signFanoutTokens(
    jwt,
    { customerId: session.customer.id, adminIds: [credentials.admin.id] },
    1,
  );
  const subscriberTokens = await signFanoutTokens(
    jwt,
    { customerId: session.customer.id, adminIds: [credentials.admin.id] },
    distinct,
  );
  return { sessionId: session.id, senderToken, subscriberTokens };
}

interface Subscriber {
  client: Client;
  stop: () => void;
  /** Messages received (any id). */
  received: number;
  /** Times it was subscribed again after a refusal during the warm-up. */
  retries: number;
  error?: unknown;
}

/** Errors, close events and GraphQL error lists, as a line. */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'code' in error) {
    const { code, reason } = error as { code: unknown; reason?: unknown };
    return `socket closed ${String(code)} ${String(reason ?? '')}`.trim();
  }
  return JSON.stringify(error)?.slice(0, 300) ?? String(error);
}

/** Measures chat fan-out through the gateway; see the top of this file for what is measured. */
export async function measureFanout(options: FanoutOptions): Promise<FanoutResult> {
  const log = options.log ?? silent;
  const {
    gatewayUrl,
    sessionId,
    senderToken,
    subscriberTokens,
    subscribers: count,
    rates,
    secondsPerRate,
  } = options;
  const settleMs = options.settleMs ?? 5_000;
  const barMs = options.barMs ?? FANOUT_P99_BAR_MS;
  const abandonAboveMs = options.abandonAboveMs ?? 2_000;
  if (subscriberTokens.length === 0) throw new Error('measureFanout needs subscriber tokens');
  if (count < 1) throw new Error('measureFanout needs at least one subscriber');
  const wsUrl = gatewayUrl.replace(/^http/, 'ws');
  const receipts = new Receipts(count);
  const subscribers: Subscriber[] = [];
  let disconnects = 0;
  let subscriptionsEnded = 0;
  let errorEvents = 0;
  let errorSample: string | undefined;
  let measuring = false;
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const serverPids = options.serverPids;
  const sampleCpu = (): Map<number, number> | undefined =>
    serverPids &&
    new Map(
      Object.values(serverPids)
        .flatMap((pids) => pids())
        .map((pid) => [pid, sampleProcess(pid).cpuMs]),
    );
  /** Only processes alive at both samples count (PostgreSQL backends come and go). */
  const cpuSince = (before: Map<number, number> | undefined) =>
    serverPids && before
      ? {
          serverCpuMs: Object.fromEntries(
            Object.entries(serverPids).map(([role, pids]) => [
              role,
              pids().reduce((sum, pid) => {
                const start = before.get(pid);
                const end = sampleProcess(pid).cpuMs;
                return start === undefined || end === 0 ? sum : sum + end - start;
              }, 0),
            ]),
          ),
        }
      : {};

  const connect = (index: number, retries = 0): Promise<void> => {
    const token = subscriberTokens[index % subscriberTokens.length] ?? '';
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    const subscriber: Subscriber = { client, stop: () => undefined, received: 0, retries };
    subscribers[index] = subscriber;
    const connected = new Promise<void>((resolve, reject) => {
      client.on('connected', () => resolve());
      client.on('closed', (event) => {
        if (measuring) disconnects += 1;
        reject(new Error(`subscriber ${index} closed: ${(event as { code?: number }).code}`));
      });
    });
    subscriber.stop = client.subscribe<{ supportMessageAdded: { id: string } }>(
      { query: FANOUT_SUBSCRIPTION, variables: { sessionId } },
      {
        next: (result) => {
          const at = performance.now();
          const id = result.data?.supportMessageAdded.id;
          if (typeof id === 'string') {
            subscriber.received += 1;
            receipts.record(index, id, at);
          } else if (result.errors) {
            if (measuring) {
              errorEvents += 1;
              errorSample ??= JSON.stringify(result.errors).slice(0, 300);
            } else {
              subscriber.error = result.errors;
            }
          }
        },
        error: (error) => {
          if (measuring) {
            subscriptionsEnded += 1;
            errorSample ??= describe(error);
          } else {
            subscriber.error = error;
          }
        },
        complete: () => {
          if (measuring) subscriptionsEnded += 1;
        },
      },
    );
    return connected;
  };

  const startedAt = performance.now();
  try {
    // Sockets in batches: a thousand simultaneous upgrades would measure the accept queue.
    const concurrency = options.connectConcurrency ?? 50;
    for (let first = 0; first < count; first += concurrency) {
      const batch = [];
      for (let i = first; i < Math.min(count, first + concurrency); i += 1) batch.push(connect(i));
      await Promise.all(batch);
    }
    log.info(
      { subscribers: count, ms: Math.round(performance.now() - startedAt) },
      'fanout sockets open',
    );

    // graphql-ws does not acknowledge a subscription: a subscriber is live once it has
    // received a message. Warm-up messages until all have, then one more that all must get.
    const readyDeadline = performance.now() + (options.readyTimeoutMs ?? 60_000);
    let warmups = 0;
    for (;;) {
      // A subscription refused or ended while the rest were still joining (an upstream
      // handshake that timed out under the joining storm, say) is opened again, twice at most.
      for (let i = 0; i < count; i += 1) {
        const subscriber = subscribers[i];
        if (!subscriber || subscriber.error === undefined) continue;
        const why = describe(subscriber.error);
        if (subscriber.retries >= 2) throw new Error(`subscriber ${i} was refused: ${why}`);
        log.warn({ subscriber: i, why }, 'fanout subscriber refused, subscribing again');
        subscriber.stop();
        void subscriber.client.dispose();
        await connect(i, subscriber.retries + 1);
      }
      const message = await send(
        gatewayUrl,
        senderToken,
        sessionId,
        `fanout warm-up ${warmups + 1}`,
      );
      warmups += 1;
      await receipts.complete([message.id], 2_000);
      receipts.forget([message.id]);
      const live = subscribers.filter((s) => s.received > 0).length;
      if (live === count) break;
      log.info({ live, subscribers: count }, 'fanout waiting for subscribers');
      if (performance.now() > readyDeadline) {
        throw new Error(`only ${live} of ${count} subscribers live after warm-up`);
      }
    }
    const last = await send(gatewayUrl, senderToken, sessionId, 'fanout warm-up, last');
    warmups += 1;
    if (!(await receipts.complete([last.id], 30_000))) {
      throw new Error('the last warm-up message did not reach every subscriber');
    }
    receipts.forget([last.id]);
    const readyMs = Math.round(performance.now() - startedAt);
    log.info({ readyMs, warmups }, 'fanout subscribers live');

    measuring = true;
    loopDelay.enable();
    const cpuBefore = process.cpuUsage();
    const measuredFrom = performance.now();

    // Burst.
    const burstSent: Sent[] = [];
    let burstErrors = 0;
    let next = 0;
    const burstCpu = sampleCpu();
    const burstWorker = async () => {
      while (next < options.burst) {
        next += 1;
        try {
          burstSent.push(await send(gatewayUrl, senderToken, sessionId, `fanout burst ${next}`));
        } catch (error) {
          burstErrors += 1;
          log.warn({ err: String(error) }, 'fanout send failed');
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.max(1, options.burstConcurrency ?? 1) }, burstWorker),
    );
    await receipts.complete(
      burstSent.map((m) => m.id),
      settleMs,
    );
    const burst = { ...summarize(burstSent, receipts, count, burstErrors), ...cpuSince(burstCpu) };
    receipts.forget(burstSent.map((m) => m.id));
    log.info({ ...burst }, 'fanout burst');

    // Sustained rates, open loop.
    const sustained: FanoutRate[] = [];
    for (const rate of rates) {
      const total = Math.max(1, Math.round(rate * secondsPerRate));
      const sent: Sent[] = [];
      let errors = 0;
      const phaseCpu = sampleCpu();
      const phaseStart = performance.now();
      const inFlight: Promise<void>[] = [];
      for (let k = 0; k < total; k += 1) {
        const due = phaseStart + (k * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        inFlight.push(
          send(gatewayUrl, senderToken, sessionId, `fanout ${rate}/s #${k + 1}`).then(
            (m) => void sent.push(m),
            (error: unknown) => {
              errors += 1;
              log.warn({ err: String(error) }, 'fanout send failed');
            },
          ),
        );
      }
      await Promise.all(inFlight);
      const phaseMs = performance.now() - phaseStart;
      await receipts.complete(
        sent.map((m) => m.id),
        settleMs,
      );
      const latency = { ...summarize(sent, receipts, count, errors), ...cpuSince(phaseCpu) };
      receipts.forget(sent.map((m) => m.id));
      const row: FanoutRate = {
        ratePerSecond: rate,
        achievedPerSecond: round((sent.length * 1000) / phaseMs),
        ...latency,
        underBar: latency.missing === 0 && latency.sendErrors === 0 && latency.p99 < barMs,
      };
      sustained.push(row);
      log.info({ ...row }, 'fanout sustained rate');
      if (latency.missing > 0 || latency.p99 > abandonAboveMs) {
        log.warn({ rate }, 'fanout: far above the bar, higher rates skipped');
        break;
      }
    }
    loopDelay.disable();
    const cpu = process.cpuUsage(cpuBefore);
    const ms = (ns: number) => round(ns / 1e6);

    const passing = sustained.filter((r) => r.underBar).map((r) => r.ratePerSecond);
    return {
      subscribers: count,
      distinctTokens: new Set(
        Array.from({ length: count }, (_, i) => subscriberTokens[i % subscriberTokens.length]),
      ).size,
      readyMs,
      warmupMessages: warmups,
      burst,
      sustained,
      maxRateUnder100msP99: passing.length > 0 ? Math.max(...passing) : 0,
      disconnects,
      subscriptionsEnded,
      errorEvents,
      ...(errorSample ? { errorSample } : {}),
      clientLoopDelay: {
        p50: ms(loopDelay.percentile(50)),
        p99: ms(loopDelay.percentile(99)),
        max: ms(loopDelay.max),
      },
      clientCpuMs: Math.round((cpu.user + cpu.system) / 1000),
      measuredMs: Math.round(performance.now() - measuredFrom),
    };
  } finally {
    measuring = false;
    loopDelay.disable();
    for (const s of subscribers) s?.stop();
    await Promise.all(subscribers.map((s) => s?.client.dispose()));
  }
}

const perMessage = (phase: FanoutLatency): string =>
  Object.entries(phase.serverCpuMs ?? {})
    .map(([role, ms]) => `${role} ${(ms / Math.max(1, phase.messages)).toFixed(1)}`)
    .join(', ');

/** A few Markdown lines for a report. */
export function formatFanout(result: FanoutResult, label = ''): string {
  const b = result.burst;
  const lines = [
    `Chat fan-out${label ? ` (${label})` : ''}: ${result.subscribers} subscribers (${result.distinctTokens} distinct tokens) of one session through the gateway; latency = subscriber receipt − mutation response (ms, signed).`,
    '',
    '| phase | msgs | sent/s | p50 | p99 | max | missing | negative | send p50/p99 | p99 < 100 ms | server CPU ms per message |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    `| burst | ${b.messages} | - | ${b.p50} | ${b.p99} | ${b.max} | ${b.missing} | ${b.negative} | ${b.sendP50}/${b.sendP99} | ${b.missing === 0 && b.p99 < FANOUT_P99_BAR_MS ? 'yes' : 'no'} | ${perMessage(b)} |`,
    ...result.sustained.map(
      (r) =>
        `| ${r.ratePerSecond}/s | ${r.messages} | ${r.achievedPerSecond} | ${r.p50} | ${r.p99} | ${r.max} | ${r.missing} | ${r.negative} | ${r.sendP50}/${r.sendP99} | ${r.underBar ? 'yes' : 'no'} | ${perMessage(r)} |`,
    ),
    '',
    `Highest rate with p99 < 100 ms: ${result.maxRateUnder100msP99} msg/s. Ready in ${result.readyMs} ms (${result.warmupMessages} warm-up messages); disconnects ${result.disconnects}, subscriptions ended by the server ${result.subscriptionsEnded}, error events ${result.errorEvents}${result.errorSample ? ` (e.g. ${result.errorSample})` : ''}; load generator: event-loop delay p99 ${result.clientLoopDelay.p99} ms (max ${result.clientLoopDelay.max}), CPU ${result.clientCpuMs} ms over ${result.measuredMs} ms.`,
  ];
  return `${lines.join('\n')}\n`;
}
