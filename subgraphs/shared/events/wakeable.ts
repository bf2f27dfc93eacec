/** Backoff after `failures` consecutive failures: 250 ms doubling, capped. */
export const backoffMs = (failures: number, maxMs = 30_000): number =>
  Math.min(maxMs, 250 * 2 ** Math.min(failures, 16));

/** A sleep that `wake()` cuts short; a wake arriving while awake is not lost. */
export class Wakeable {
  private woken = false;
  private wakeUp: (() => void) | undefined;

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Forgets earlier wakes: call before looking for work. */
  reset(): void {
    this.woken = false;
  }

  sleep(ms: number): Promise<void> {
    if (this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      timer = setTimeout(done, ms);
      timer.unref();
      this.wakeUp = done;
    });
  }
}
