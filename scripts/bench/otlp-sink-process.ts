import { freePort } from '../free-port';
import type { OtlpCounts } from './otlp-sink';
import { spawnNode, stopChild } from './processes';

/**
 * The OTLP sink (otlp-sink.ts) in a process of its own, so parsing exports neither slows
 * the load generator's event loop nor hides in the harness's CPU; its counts over HTTP.
 */
export interface OtlpSinkProcess {
  /** OTEL_EXPORTER_OTLP_ENDPOINT for the services. */
  url: string;
  pid: number;
  counts(): Promise<OtlpCounts>;
  /**
   * Resolves once what was exported up to now has arrived: at least `minWaitMs` (the
   * exporter's batch delay, 5 s by default) after `since`, then no export in flight and
   * none for `quietMs`; gives up after `maxWaitMs`.
   */
  settle(
    since: number,
    options?: { minWaitMs?: number; quietMs?: number; maxWaitMs?: number },
  ): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function spawnOtlpSink(): Promise<OtlpSinkProcess> {
  const port = await freePort();
  const child = spawnNode('scripts/bench/otlp-sink-main.ts', { OTLP_SINK_PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  const counts = async (): Promise<OtlpCounts> => {
    const response = await fetch(`${url}/counts`, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`OTLP sink: ${response.status}`);
    return (await response.json()) as OtlpCounts;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error('OTLP sink exited');
    if (Date.now() > deadline) throw new Error('OTLP sink did not start');
    try {
      await counts();
      break;
    } catch {
      await sleep(200);
    }
  }
  return {
    url,
    pid: child.pid ?? 0,
    counts,
    async settle(since, options = {}) {
      const { minWaitMs = 5_500, quietMs = 500, maxWaitMs = 20_000 } = options;
      await sleep(Math.max(0, since + minWaitMs - Date.now()));
      while (Date.now() < since + maxWaitMs) {
        const c = await counts();
        if (
          c.inFlight === 0 &&
          (c.msSinceLastRequest === null || c.msSinceLastRequest >= quietMs)
        ) {
          return;
        }
        await sleep(100);
      }
    },
    stop: () => stopChild(child),
  };
}
