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
