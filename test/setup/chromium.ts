/**
 * Global setup: the browser tests need Debian's Chromium (and a CJK font), so a fresh machine's
 * `npm test` installs them with the project's own script (the one `.ci/run` runs) before any test
 * starts; the script returns at once when they are there.
 */
import { execFileSync } from 'node:child_process';

export default function installChromium(): void {
  execFileSync('bash', ['scripts/install-chromium.sh'], { stdio: 'inherit' });
}
