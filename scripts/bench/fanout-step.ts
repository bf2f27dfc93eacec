import {
  benchFanoutInputs,
  FANOUT_P99_BAR_MS,
  formatFanout,
  measureFanout,
  type FanoutLatency,
  type FanoutResult,
} from './fanout';
import type { FanoutContext, FanoutSettings } from './options';
import type { TopologyName } from './topologies';

/**
 * runBench's last step: the chat fan-out (fanout.ts) through the gateway of each topology
 * asked for (A, the production shape, and S by default), after the query benchmarks (it
 * writes messages), on the same processes. Viewer tokens are signed right before each
 * topology's run. A topology whose fan-out fails gets its error in the report; the query
 * figures already measured are kept.
 */
export interface FanoutSection {
  settings: FanoutSettings;
  results: Partial<Record<TopologyName, FanoutResult | { error: string }>>;
  /** Topologies asked for that did not run in this benchmark. */
  skipped: TopologyName[];
}

/** Server CPU per message over every phase (burst and rates), by process role. */
function cpuPerMessage(result: FanoutResult): Record<string, number> {
  const phases: FanoutLatency[] = [result.burst, ...result.sustained];
  const messages = phases.reduce((sum, p) => sum + p.messages, 0);
  const total: Record<string, number> = {};
  for (const phase of phases) {
    for (const [role, ms] of Object.entries(phase.serverCpuMs ?? {})) {
      total[role] = (total[role] ?? 0) + ms;
    }
  }
  return Object.fromEntries(
    Object.entries(total).map(([role, ms]) => [
      role,
      Number((ms / Math.max(1, messages)).toFixed(1)),
    ]),
  );
}

export function formatFanoutSection(section: FanoutSection): string {
  const { settings: s, results } = section;
  const names = Object.keys(results) as TopologyName[];
  const rates = s.rates;
  const lines = [
    `${s.subscribers} graphql-ws subscribers of one support session through each gateway, ` +
      `${s.viewers} distinct viewer tokens (the session's customer and ${s.viewers - 1} ADMIN sign-in(s); ` +
      `subscriber i uses token i mod ${s.viewers}); a burst of ${s.burst} messages sent back to back, ` +
      `then ${rates.join(', ')} messages/s open loop for ${s.secondsPerRate} s each. ` +
      'Latency: subscriber receipt − the mutation response (ms). The subscribers run on this ' +
      'machine, in the harness, sharing its cores with the servers: see each load-generator line.',
    '',
    `| topology | subscribers | viewers | burst p50 / p99 / max | burst missing | ${rates.map((r) => `p99 at ${r}/s`).join(' | ')} | highest rate with p99 < ${FANOUT_P99_BAR_MS} ms | server CPU ms per message | client CPU ms, loop delay p99 sender / subscribers |`,
    `|${Array.from({ length: 8 + rates.length }, () => '---').join('|')}|`,
  ];
  for (const name of names) {
    const r = results[name];
    if (!r) continue;
    if ('error' in r) {
      lines.push(
        `| ${name} | failed: ${r.error.replace(/\|/g, '/').slice(0, 200)} |${' |'.repeat(6 + rates.length)}`,
      );
      continue;
    }
    const b = r.burst;
    const atRate = rates.map((rate) => {
      const row = r.sustained.find((x) => x.ratePerSecond === rate);
      if (!row) return 'skipped';
      return `${row.p99}${row.missing ? ` (${row.missing} missing)` : ''}`;
    });
    const cpu = Object.entries(cpuPerMessage(r))
      .map(([role, ms]) => `${role} ${ms}`)
      .join(', ');
    const c = r.client;
    lines.push(
      `| ${name} | ${r.subscribers} | ${r.distinctTokens} | ${b.p50} / ${b.p99} / ${b.max} | ${b.missing} | ${atRate.join(' | ')} | ${r.maxRateUnder100msP99 ? `${r.maxRateUnder100msP99} msg/s` : 'none'} | ${cpu} | ${c.processCpuMs}${c.subscriberThreadCpuMs !== undefined ? ` (subscriber thread ${c.subscriberThreadCpuMs})` : ''} over ${c.measuredMs} ms, ${c.senderLoopDelay.p99} / ${c.subscriberLoopDelay.p99} ms |`,
    );
  }
  if (section.skipped.length > 0) {
    lines.push('', `Not run (topology not in this benchmark): ${section.skipped.join(', ')}.`);
  }
  for (const name of names) {
    const r = results[name];
    if (!r || 'error' in r) continue;
    lines.push('', `#### Fan-out, ${name}`, '', formatFanout(r, name).trim());
  }
  return `${lines.join('\n')}\n`;
}

export async function runFanoutStep(
  settings: FanoutSettings,
  context: FanoutContext,
): Promise<{ markdown: string; json: FanoutSection }> {
  const { log } = context;
  const section: FanoutSection = { settings, results: {}, skipped: [] };
  for (const name of settings.topologies) {
    const topology = context.topologies.find((t) => t.name === name);
    if (!topology) {
      section.skipped.push(name);
      continue;
    }
    try {
      // Signed right before the run: fresh tokens, whatever the timed rounds took.
      const inputs = await benchFanoutInputs(
        context.config.jwt,
        context.credentials,
        settings.viewers,
      );
      const roles = Object.keys(topology.pids());
      log.info({ topology: name, subscribers: settings.subscribers }, 'fanout starting');
      section.results[name] = await measureFanout({
        gatewayUrl: topology.url,
        ...inputs,
        subscribers: settings.subscribers,
        burst: settings.burst,
        rates: settings.rates,
        secondsPerRate: settings.secondsPerRate,
        ...(settings.settleMs !== undefined ? { settleMs: settings.settleMs } : {}),
        subscriberThread: settings.subscriberThread,
        serverPids: Object.fromEntries(
          roles.map((role) => [role, () => topology.pids()[role] ?? []]),
        ),
        log: {
          info: (fields, message) => log.info({ topology: name, ...fields }, message),
          warn: (fields, message) => log.warn({ topology: name, ...fields }, message),
        },
      });
    } catch (error) {
      log.error({ err: error, topology: name }, 'fanout failed');
      section.results[name] = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  return { markdown: formatFanoutSection(section), json: section };
}
