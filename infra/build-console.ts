/**
 * Builds the console into the folder named by the one argument, for the CDK app: a construct
 * cannot await `buildConsole`, so `consoleFilesForSynth` runs this file as a child process.
 */
import { buildConsole } from '../console/build';

const [outdir, ...rest] = process.argv.slice(2);
if (!outdir || rest.length > 0) {
  console.error('Usage: tsx infra/build-console.ts <output folder>');
  process.exit(2);
}
await buildConsole(outdir);
