/**
 * `npm run validate [-- <journeys folder>]`: checks journeys and templates the way start-up does,
 * printing every violation as `file:line field: message`. Exits 1 when any is found.
 */
import { loadJourneyConfig, JourneyConfigError } from '../shared/config/load-journeys';
import { formatViolation } from '../shared/config/journey-config';

const folder = process.argv[2] ?? 'journeys';
try {
  const config = await loadJourneyConfig(folder);
  console.log(`${folder}: ${config.journeys.length} journeys and ${config.templates.size} templates are valid.`);
} catch (error) {
  if (!(error instanceof JourneyConfigError)) throw error;
  for (const violation of error.violations) console.error(formatViolation(violation));
  console.error(`${error.violations.length} problem(s) found in ${folder}.`);
  process.exit(1);
}
