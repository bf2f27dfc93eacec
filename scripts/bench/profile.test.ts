import { spawn } from 'node:child_process';
import { profileProcess, summarize } from './profile';

/** The profiler attaches to a running process (SIGUSR1, DevTools protocol) and reads it. */
describe('bench:profile', () => {
  it('records a busy process without restarting it, and names its hot function', async () => {
    const child = spawn(process.execPath, [
      '-e',
      'function spinCampusTest(){let x=0;for(let i=0;i<2e5;i++)x+=i;return x}setInterval(spinCampusTest,1)',
    ]);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const profile = await profileProcess(child.pid ?? 0, 1);
      expect(profile.samples.length).toBeGreaterThan(100);
      expect(summarize(profile)).toMatch(/spinCampusTest/);
      expect(child.exitCode).toBeNull(); // still running: profiled in place
    } finally {
      child.kill();
    }
  });
});
