import { readFile } from 'node:fs/promises';
import { watch } from 'node:fs';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '../subgraphs/shared/logger';

const SETTLE_MS = 200;

/**
 * Serves the supergraph file and reloads it when it changes (`npm run compose` while the
 * gateway runs): the gateway swaps its schema without a restart, and open subscriptions end
 * with a reason so clients subscribe again against the new schema.
 */
export function supergraphFromFile(path: string, log: Logger): SupergraphSdlHook {
  return async ({ update }) => {
    let current = await readFile(path, 'utf8');
    let timer: NodeJS.Timeout | undefined;
    const reload = async () => {
      const next = await readFile(path, 'utf8');
      if (next === current || next.trim() === '') return;
      current = next;
      update(next);
      log.info({ path }, 'supergraph reloaded');
    };
    // Editors and composers write in several steps: reload once the file is quiet.
    const watcher = watch(path, () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        reload().catch((error: unknown) =>
          log.error({ err: error, path }, 'supergraph reload failed; keeping the previous one'),
        );
      }, SETTLE_MS);
    });
    return {
      supergraphSdl: current,
      cleanup: async () => {
        clearTimeout(timer);
        watcher.close();
      },
    };
  };
}
