import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../subgraphs/shared/config';

/** Child processes of the benchmark: started with node (tsx as a loader), stopped in order. */

export type Env = Record<string, string | undefined>;

/**
 * `node --import tsx <entry>` (or plain node for a `.js` entry): the node process itself is
 * the child, so its pid is the one whose CPU counts and a signal reaches it. Its stderr is
 * passed on; stdout is dropped.
 */
export function spawnNode(entry: string, env: Env): ChildProcess {
  const file = path.isAbsolute(entry) ? entry : path.join(REPO_ROOT, entry);
  const args = file.endsWith('.js') ? [file] : ['--import', 'tsx', file];
  return spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => resolve(clearTimeout(timer)));
    child.kill('SIGTERM');
  });
}

const TYPENAME = {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: '{"query":"{ __typename }"}',
};

/** Resolves once a GraphQL endpoint answers `{ __typename }`; throws if `child` exits first. */
export async function waitForGraphql(
  url: string,
  child?: ChildProcess,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${url}: process exited`);
    try {
      const response = await fetch(url, { ...TYPENAME, signal: AbortSignal.timeout(2_000) });
      if (response.status < 500) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer`);
}

/** One GraphQL POST as a signed-in user; the body as text. */
export async function post(url: string, query: string, token: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return response.text();
}
