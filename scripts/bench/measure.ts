import type { Logger } from '../../subgraphs/shared/logger';
import { runLoad, type LoadResult } from './load';
import type { BenchOperation } from './operations';
import { post } from './processes';
import { groupRssKiB, memoryKiB, sampleProcess } from './proc-stats';
import type { Topology, TopologyLabel } from './topologies';

/**
 * Timing: the same answers everywhere first, every topology primed, then interleaved
 * rounds (each round runs every topology once, in turn), with the CPU time of each of a
 * topology's processes read from /proc before and after its run.
 */

export type Round = LoadResult & {
  cpuMsPerRequest: Record<string, number>;
  /** What a RunCounter counted over this run (after − before), when there is one. */
  counted?: Record<string, number>;
};

export interface Cell {
  operation: string;
  connections: number;
  topology: TopologyLabel;
  rounds: Round[];
}

/**
 * Something counted outside a topology's processes around each of its runs (the tracing
 * step's OTLP sink): read before the run, and after `settle`, which waits until what the
 * run caused has arrived (an exporter sends its last batch seconds after the run ends).
 */
export interface RunCounter {
  read(): Promise<Record<string, number>>;
  /** Called once the run's CPU is sampled, so waiting here costs the figures nothing. */
  settle(topology: Topology, runEnded: number): Promise<void>;
}

const difference = (after: Record<string, number>, before: Record<string, number>) =>
  Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]));

/** The same answer, whoever serves it (key order and whitespace aside). */
const normalized = (text: string): string => {
  try {
    return JSON.stringify(JSON.parse(text) as unknown);
  } catch {
    return text;
  }
};

/** Per operation: whether every topology gave the same answer, and the answers if not. */
export async function compareAnswers(
  topologies: readonly Topology[],
  operations: readonly BenchOperation[],
  token: string,
  log: Logger,
): Promise<Record<string, boolean>> {
  const equality: Record<string, boolean> = {};
  for (const operation of operations) {
    const answers = await Promise.all(
      topologies.map(async (t) => normalized(await post(t.url, operation.query(1), token))),
    );
    const same = answers.every((a) => a === answers[0]) && !answers[0]?.includes('"errors"');
    equality[operation.name] = same;
    if (!same) log.warn({ operation: operation.name, answers }, 'answers differ or fail');
  }
  return equality;
}

/** Warms every process (JIT, pools, caches): a cold process loses to a warm one. */
export async function prime(
  topologies: readonly Topology[],
  operations: readonly BenchOperation[],
  tokens: readonly string[],
  seconds: number,
): Promise<void> {
  if (seconds <= 0) return;
  for (const operation of operations) {
    for (const topology of topologies) {
      await runLoad({ url: topology.url, operation, tokens, connections: 10, seconds });
    }
  }
}

function cpuPerRequest(
  pids: Record<string, number[]>,
  before: Map<number, number>,
  requests: number,
): Record<string, number> {
  // Only processes alive at both samples count (PostgreSQL backends come and go).
  return Object.fromEntries(
    Object.entries(pids).map(([role, list]) => {
      const used = list.reduce((sum, pid) => {
        const start = before.get(pid);
        const end = sampleProcess(pid).cpuMs;
        return start === undefined || end === 0 ? sum : sum + end - start;
      }, 0);
      return [role, Number((used / Math.max(1, requests)).toFixed(2))];
    }),
  );
}

export async function measureRounds(options: {
  topologies: readonly Topology[];
  operations: readonly BenchOperation[];
  tokens: readonly string[];
  connections: readonly number[];
  rounds: number;
  seconds: number;
  log: Logger;
  counter?: RunCounter;
}): Promise<Cell[]> {
  const { topologies, tokens, log } = options;
  const cells: Cell[] = [];
  for (const operation of options.operations) {
    for (const connections of options.connections) {
      const byTopology = new Map<TopologyLabel, Cell>(
        topologies.map((t) => [
          t.name,
          { operation: operation.name, connections, topology: t.name, rounds: [] },
        ]),
      );
      for (let round = 0; round < options.rounds; round += 1) {
        for (const topology of topologies) {
          const pids = topology.pids();
          const before = new Map(
            Object.values(pids)
              .flat()
              .map((pid) => [pid, sampleProcess(pid).cpuMs]),
          );
          const counterBefore = await options.counter?.read();
          const result = await runLoad({
            url: topology.url,
            operation,
            tokens,
            connections,
            seconds: options.seconds,
          });
          const cpuMsPerRequest = cpuPerRequest(pids, before, result.requests);
          let counted: Record<string, number> | undefined;
          if (options.counter && counterBefore) {
            await options.counter.settle(topology, Date.now());
            counted = difference(await options.counter.read(), counterBefore);
          }
          byTopology
            .get(topology.name)
            ?.rounds.push({ ...result, cpuMsPerRequest, ...(counted ? { counted } : {}) });
          log.info(
            {
              operation: operation.name,
              connections,
              topology: topology.name,
              round,
              rps: result.requestsPerSecond,
              p99: result.p99,
              errors: result.errors + result.non2xx,
            },
            result.errors + result.non2xx > 0 ? 'bench run HAD ERRORS' : 'bench run',
          );
        }
      }
      cells.push(...byTopology.values());
    }
  }
  return cells;
}

/**
 * Memory of each topology's processes by role (KiB): the peak (VmHWM) of each process,
 * summed; PostgreSQL, whose backends share memory, as its current private memory summed
 * plus the shared part once.
 */
export function peakRss(topologies: readonly Topology[]): Record<string, Record<string, number>> {
  return Object.fromEntries(
    topologies.map((t) => [
      t.name,
      Object.fromEntries(
        Object.entries(t.pids()).map(([role, list]) => [
          role,
          role === 'postgres'
            ? groupRssKiB(list)
            : list.reduce((sum, pid) => sum + memoryKiB(pid).peak, 0),
        ]),
      ),
    ]),
  );
}
