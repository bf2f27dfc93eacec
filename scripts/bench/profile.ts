import { writeFileSync } from 'node:fs';
import WebSocket from 'ws';

/**
 * `npm run bench:profile -- <pid> [seconds] [out.cpuprofile]`: a CPU profile of a running
 * Campus process (one held up by BENCH_HOLD=1, while load runs against it), without
 * restarting it under `--cpu-prof`. SIGUSR1 opens Node's inspector on 127.0.0.1:9229; the
 * profile is taken over the DevTools protocol, the inspector closed again, and the
 * heaviest functions and packages printed (the file opens in Chrome DevTools).
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
}

async function inspectorUrl(): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      const list = (await (await fetch('http://127.0.0.1:9229/json/list')).json()) as {
        webSocketDebuggerUrl: string;
      }[];
      if (list[0]) return list[0].webSocketDebuggerUrl;
    } catch {
      // not open yet
    }
  }
  throw new Error('the inspector did not open on 127.0.0.1:9229');
}

export async function profileProcess(pid: number, seconds: number): Promise<Profile> {
  process.kill(pid, 'SIGUSR1');
  const socket = new WebSocket(await inspectorUrl());
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let next = 0;
  const pending = new Map<number, (result: unknown) => void>();
  socket.on('message', (raw: Buffer) => {
    const message = JSON.parse(raw.toString()) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  const call = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve) => {
      next += 1;
      pending.set(next, (result) => resolve(result as T));
      socket.send(JSON.stringify({ id: next, method, params }));
    });
  await call('Profiler.enable');
  await call('Profiler.setSamplingInterval', { interval: 200 });
  await call('Profiler.start');
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const { profile } = await call<{ profile: Profile }>('Profiler.stop');
  // Closes the inspector again, so the next process can be profiled on the same port.
  await call('Runtime.evaluate', {
    expression: "process.mainModule && process.mainModule.require('inspector').close()",
  });
  socket.close();
  return profile;
}

/** Self time by package (or Node internal, or native) and by function, in % of samples. */
export function summarize(profile: Profile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map<number, number>();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  const total = profile.samples.length;
  const place = (n: ProfileNode) => {
    const { url, functionName } = n.callFrame;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    if (pkg) return pkg;
    if (url.startsWith('node:')) return url;
    if (url)
      return url.replace(/^.*?\/(gateway|subgraphs|scripts)\//, '$1/').replace(/\/[^/]*$/, '');
    return functionName || '(native)';
  };
  const fn = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${place(n)}:${n.callFrame.lineNumber}`;
  const tally = (key: (n: ProfileNode) => string) => {
    const sums = new Map<string, number>();
    for (const [id, count] of counts) {
      const node = byId.get(id);
      if (node) sums.set(key(node), (sums.get(key(node)) ?? 0) + count);
    }
    return [...sums]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, c]) => `${((100 * c) / total).toFixed(1).padStart(5)} %  ${k}`)
      .join('\n');
  };
  return `${total} samples\n\nself time by place\n${tally(place)}\n\nself time by function\n${tally(fn)}\n`;
}

async function main() {
  const [pid, seconds = '10', out = `profile-${pid}.cpuprofile`] = process.argv.slice(2);
  if (!pid) throw new Error('usage: npm run bench:profile -- <pid> [seconds] [out.cpuprofile]');
  const profile = await profileProcess(Number(pid), Number(seconds));
  writeFileSync(out, JSON.stringify(profile));
  console.log(`wrote ${out}\n\n${summarize(profile)}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
