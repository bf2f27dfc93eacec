import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AccessTokenSigner } from '../../subgraphs/shared/auth/tokens';
import type { JwtConfig } from '../../subgraphs/shared/config';
import type { BenchCredentials } from './dataset';
import {
  clock,
  loopDelay,
  loopMonitor,
  SubscriberPool,
  type Subscribers,
} from './fanout-subscribers';
import { startSubscriberThread } from './fanout-worker';
import { sampleProcess } from './proc-stats';

export { FANOUT_SUBSCRIPTION } from './fanout-subscribers';

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
 * one clock, performance.timeOrigin + performance.now() (fanout-subscribers.ts's `clock`),
 * the process's monotonic clock as epoch milliseconds in either thread. It is reported signed, NOT clamped:
 * an event can beat the mutation's own response (support notifies after commit, before its
 * HTTP answer has travelled back through the gateway), which gives small negative values;
 * `negative` counts them. A pair never received within `settleMs` after the last send of
 * its phase is `missing` and is left out of the percentiles; a phase with anything missing
 * never counts as "p99 under the bar".
 *
 * The subscribers run in a worker thread of this process by default (`subscriberThread`),
 * so the thread that sends and timestamps responses is not held up by their receive work;
 * they still share the machine's cores with the servers. `client` reports both threads'
 * event-loop delay and CPU so that share can be judged.
 */

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
  /** The load generator itself, on the same machine as the servers. */
  client: FanoutClient;
}

/** What the measuring process cost and how its threads fared during the measurement. */
export interface FanoutClient {
  subscribersIn: 'worker thread' | 'sender thread';
  /** Worker's clock() − sender's, by ping-pong (± uncertainty); worker thread only. */
  clockOffsetMs?: number;
  clockUncertaintyMs?: number;
  /** Event-loop delay (ms) of the thread that sends and timestamps responses. */
  senderLoopDelay: { p50: number; p99: number; max: number };
  /** Event-loop delay (ms) of the thread that receives the events (the same one if not apart). */
  subscriberLoopDelay: { p50: number; p99: number; max: number };
  /** CPU of the whole process (every thread), and of the subscribers' thread alone (ms). */
  processCpuMs: number;
  subscriberThreadCpuMs?: number;
  /** Wall time of the measurement (burst and rates), ms. */
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
  /** Run the subscribers in a worker thread (default true), apart from the sender. */
  subscriberThread?: boolean;
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
  /** clock() when the request left and when its response arrived. */
  sentAt: number;
  answeredAt: number;
}

/** Sends one message through the gateway over HTTP; the id and when its response arrived. */
async function send(url: string, token: string, sessionId: string, body: string): Promise<Sent> {
  const sentAt = clock();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: FANOUT_SEND, variables: { sessionId, body } }),
  });
  const text = await response.text();
  const answeredAt = clock();
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
  /** Per sent message, in order: each subscriber's receipt time (NaN: not received). */
  receipts: readonly Float64Array[],
  subscribers: number,
  sendErrors: number,
): FanoutLatency {
  const latencies = new Float64Array(sent.length * subscribers);
  let n = 0;
  let missing = 0;
  let negative = 0;
  for (const [m, message] of sent.entries()) {
    const times = receipts[m];
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
  const inThread = options.subscriberThread ?? true;
  if (subscriberTokens.length === 0) throw new Error('measureFanout needs subscriber tokens');
  if (count < 1) throw new Error('measureFanout needs at least one subscriber');
  const setup = {
    wsUrl: gatewayUrl.replace(/^http/, 'ws'),
    sessionId,
    tokens: subscriberTokens,
    count,
    connectConcurrency: options.connectConcurrency ?? 50,
  };
  const senderLoop = loopMonitor();
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

  const startedAt = performance.now();
  const thread = inThread ? await startSubscriberThread(setup) : undefined;
  const subscribers: Subscribers = thread ?? new SubscriberPool(setup);
  try {
    const clockCheck = thread ? await thread.clockOffset() : undefined;
    if (clockCheck && Math.abs(clockCheck.offsetMs) > 1 + clockCheck.uncertaintyMs) {
      log.warn({ ...clockCheck }, 'fanout: the two threads disagree on the clock');
    }
    await subscribers.open();
    log.info(
      { subscribers: count, ms: Math.round(performance.now() - startedAt), thread: inThread },
      'fanout sockets open',
    );

    // graphql-ws does not acknowledge a subscription: a subscriber is live once it has
    // received a message. Warm-up messages until all have, then one more that all must get.
    const readyDeadline = performance.now() + (options.readyTimeoutMs ?? 60_000);
    let warmups = 0;
    for (;;) {
      for (const refused of await subscribers.retryRefused()) {
        log.warn(refused, 'fanout subscriber refused, subscribing again');
      }
      const message = await send(
        gatewayUrl,
        senderToken,
        sessionId,
        `fanout warm-up ${warmups + 1}`,
      );
      warmups += 1;
      await subscribers.collect([message.id], 2_000);
      const live = await subscribers.live();
      if (live === count) break;
      log.info({ live, subscribers: count }, 'fanout waiting for subscribers');
      if (performance.now() > readyDeadline) {
        throw new Error(`only ${live} of ${count} subscribers live after warm-up`);
      }
    }
    const last = await send(gatewayUrl, senderToken, sessionId, 'fanout warm-up, last');
    warmups += 1;
    const [lastTimes] = await subscribers.collect([last.id], 30_000);
    if (!lastTimes || lastTimes.some(Number.isNaN)) {
      throw new Error('the last warm-up message did not reach every subscriber');
    }
    const readyMs = Math.round(performance.now() - startedAt);
    log.info({ readyMs, warmups }, 'fanout subscribers live');

    await subscribers.startMeasuring();
    senderLoop.enable();
    const threadOf = (await subscribers.stats()).thread;
    const threadCpu = () => (thread && threadOf ? sampleThreadCpuMs(threadOf) : undefined);
    const cpuBefore = process.cpuUsage();
    const threadCpuBefore = threadCpu();
    const measuredFrom = performance.now();

    /** A phase's latencies from its messages' receipts (waited for up to settleMs). */
    const phaseLatency = async (sent: readonly Sent[], errors: number) => {
      const times = await subscribers.collect(
        sent.map((m) => m.id),
        settleMs,
      );
      return summarize(sent, times, count, errors);
    };

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
    const burst = { ...(await phaseLatency(burstSent, burstErrors)), ...cpuSince(burstCpu) };
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
      const latency = { ...(await phaseLatency(sent, errors)), ...cpuSince(phaseCpu) };
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
    senderLoop.disable();
    const cpu = process.cpuUsage(cpuBefore);
    const threadCpuAfter = threadCpu();
    const stats = await subscribers.stats();
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
      disconnects: stats.disconnects,
      subscriptionsEnded: stats.subscriptionsEnded,
      errorEvents: stats.errorEvents,
      ...(stats.errorSample ? { errorSample: stats.errorSample } : {}),
      client: {
        subscribersIn: inThread ? 'worker thread' : 'sender thread',
        ...(clockCheck
          ? {
              clockOffsetMs: Number(clockCheck.offsetMs.toFixed(4)),
              clockUncertaintyMs: Number(clockCheck.uncertaintyMs.toFixed(4)),
            }
          : {}),
        senderLoopDelay: loopDelay(senderLoop),
        subscriberLoopDelay: stats.loopDelay,
        processCpuMs: Math.round((cpu.user + cpu.system) / 1000),
        ...(threadCpuBefore !== undefined && threadCpuAfter !== undefined
          ? { subscriberThreadCpuMs: threadCpuAfter - threadCpuBefore }
          : {}),
        measuredMs: Math.round(performance.now() - measuredFrom),
      },
    };
  } finally {
    senderLoop.disable();
    await subscribers.close();
  }
}

/** CPU (ms) of one thread, "<pid>/task/<tid>" (Linux; undefined elsewhere). */
function sampleThreadCpuMs(thread: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${thread}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
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
    `Highest rate with p99 < 100 ms: ${result.maxRateUnder100msP99} msg/s. Ready in ${result.readyMs} ms (${result.warmupMessages} warm-up messages); disconnects ${result.disconnects}, subscriptions ended by the server ${result.subscriptionsEnded}, error events ${result.errorEvents}${result.errorSample ? ` (e.g. ${result.errorSample})` : ''}.`,
    '',
    formatClient(result.client),
  ];
  return `${lines.join('\n')}\n`;
}

/** The load generator's own cost, as a line. */
export function formatClient(c: FanoutClient): string {
  const delay = (d: { p50: number; p99: number; max: number }) =>
    `p50 ${d.p50} / p99 ${d.p99} / max ${d.max} ms`;
  const apart = c.subscribersIn === 'worker thread';
  return [
    'Load generator (on the same machine, sharing its cores with the servers): ',
    apart
      ? `subscribers in a worker thread, sender in the main thread, one clock (performance.timeOrigin + performance.now() in both; offset checked by ping-pong: ${c.clockOffsetMs ?? '?'} ± ${c.clockUncertaintyMs ?? '?'} ms); `
      : 'subscribers and sender in one thread; ',
    `event-loop delay sender ${delay(c.senderLoopDelay)}`,
    apart ? `, subscribers ${delay(c.subscriberLoopDelay)}` : '',
    `; CPU ${c.processCpuMs} ms`,
    c.subscriberThreadCpuMs !== undefined ? ` (subscriber thread ${c.subscriberThreadCpuMs})` : '',
    ` over ${c.measuredMs} ms.`,
  ].join('');
}
