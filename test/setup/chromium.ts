/**
 * Global setup: the browser tests need Debian's Chromium, so a fresh machine's `npm test` installs
 * it with the project's own script (the same one `.ci/run` runs) before any test starts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from '../helpers/browser';

export default function installChromium(): void {
  if (existsSync(chromiumPath)) return;
  execFileSync('bash', ['scripts/install-chromium.sh'], { stdio: 'inherit' });
}
