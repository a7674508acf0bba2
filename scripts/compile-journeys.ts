/**
 * `npx tsx scripts/compile-journeys.ts [journeys folder] [output file]`: checks the journeys and
 * templates as `npm run validate` does and writes the JSON the functions load (defaults:
 * `journeys`, `journeys/journeys.json`). Synth and `npm start` do this themselves; the script is
 * for looking at the output or loading functions by hand. Exits 1 on any violation.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPILED_JOURNEYS_FILE } from '../shared/config/compiled-journeys';
import { compileJourneysFolder } from '../shared/config/compile-journeys';
import { JourneyConfigError } from '../shared/config/load-journeys';
import { violationReport } from '../shared/config/violations';

const folder = process.argv[2] ?? 'journeys';
const output = process.argv[3] ?? join(folder, COMPILED_JOURNEYS_FILE);
try {
  const compiled = compileJourneysFolder(folder, { year: new Date().getUTCFullYear() });
  writeFileSync(output, `${JSON.stringify(compiled)}\n`);
  console.log(`${folder}: ${compiled.journeys.length} journeys and ${Object.keys(compiled.templates).length} templates compiled to ${output}.`);
} catch (error) {
  if (!(error instanceof JourneyConfigError)) throw error;
  console.error(violationReport(error.violations, folder));
  process.exit(1);
}
