import { Stack, Stage } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Stands in for the console in a stack whose assets are not built (`aws:cdk:bundling-stacks`
 * empty: the tests that read the template), as the functions' code is not bundled there either.
 */
export const consolePlaceholderDir = fileURLToPath(new URL('../console-placeholder', import.meta.url));

/** Folders built by this process, so the stacks of one synth share one build. */
const builtThisSynth = new Set<string>();

/**
 * The console built for this synth (`console/build.ts`), into the cloud assembly folder, once per
 * synth and never reused from an earlier one (the app may have changed). The build is
 * asynchronous and a construct is not, so it runs as a child process; a failed build fails the
 * synth with esbuild's message.
 */
export function consoleFilesForSynth(scope: Construct, repoRoot: string): string {
  if (!Stack.of(scope).bundlingRequired) return consolePlaceholderDir;
  const outdir = join(Stage.of(scope)?.outdir ?? tmpdir(), 'console-build');
  if (!builtThisSynth.has(outdir)) {
    // A file an earlier build wrote and this one does not would otherwise be deployed too.
    rmSync(outdir, { recursive: true, force: true });
    const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'infra', 'build-console.ts'), outdir], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 180_000,
    });
    if (result.status !== 0) {
      throw new Error(`Building the console (console/build.ts) failed: ${result.error?.message ?? result.stderr.trim()}`);
    }
    builtThisSynth.add(outdir);
  }
  return outdir;
}
