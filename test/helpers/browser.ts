/**
 * A real headless browser for the tests: Debian's `chromium` (installed by `.ci/run`, never
 * downloaded by a library) driven by playwright-core.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The flags keep Chromium off the network it would otherwise try at start (updates, sync, Google
 * lookups), which this machine's closed network refuses many times over; `--no-sandbox` because
 * CI runs as root.
 */
const flags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Starts headless Chromium; playwright gives it a new empty profile and removes it on `close()`. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`No Chromium at ${chromiumPath}: install Debian's package (apt-get install chromium), as .ci/run does`);
  }
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: flags });
}
