import { readFileSync, readdirSync } from 'node:fs';

/** CPU time (ms) and resident memory (KiB) of processes, read from /proc (Linux). */
export interface ProcSample {
  cpuMs: number;
  rssKiB: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

export function sampleProcess(pid: number): ProcSample {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const rssPages = Number(fields[21]);
    return { cpuMs: (utime + stime) * TICK_MS, rssKiB: rssPages * 4 };
  } catch {
    return { cpuMs: 0, rssKiB: 0 };
  }
}

/** Every process whose command name is `name` (e.g. all PostgreSQL backends). */
export function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Memory of a process from /proc/<pid>/status (KiB; zeros if it is gone). */
export function memoryKiB(pid: number): { peak: number; anon: number; shared: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? 0);
    return {
      peak: field('VmHWM'),
      anon: field('RssAnon'),
      shared: field('RssFile') + field('RssShmem'),
    };
  } catch {
    return { peak: 0, anon: 0, shared: 0 };
  }
}

/**
 * Resident memory of a group of processes that share memory (PostgreSQL's backends map
 * the same shared buffers): private memory summed, shared memory counted once.
 */
export function groupRssKiB(pids: readonly number[]): number {
  const each = pids.map(memoryKiB);
  return each.reduce((sum, m) => sum + m.anon, 0) + Math.max(0, ...each.map((m) => m.shared));
}

/** The direct children of `parent` (e.g. a postmaster's backends). */
export function childrenOf(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}
