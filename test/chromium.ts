import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether Chromium is installed; CI (CI=true) requires it, so a missing one fails. */
export function chromiumAvailable(): boolean {
  const found = existsSync(CHROMIUM_PATH);
  if (!found && process.env.CI) {
    throw new Error(
      `chromium is required under CI (.ci/run installs it); none at ${CHROMIUM_PATH}`,
    );
  }
  return found;
}

/** Headless Chromium driven by playwright-core (never a downloaded browser). */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Chromium's sandbox cannot run as root (CI containers); it is only our own test page.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}
