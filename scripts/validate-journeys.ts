/**
 * `npm run validate [-- <journeys folder>]`: checks journeys and templates the way start-up does,
 * printing every violation as `file:line field: message`. Exits 1 when any is found.
 */
import { loadJourneyConfig, JourneyConfigError } from '../shared/config/load-journeys';
import { violationReport } from '../shared/config/violations';

const folder = process.argv[2] ?? 'journeys';
try {
  const config = await loadJourneyConfig(folder);
  console.log(`${folder}: ${config.journeys.length} journeys and ${config.templates.size} templates are valid.`);
} catch (error) {
  if (!(error instanceof JourneyConfigError)) throw error;
  console.error(violationReport(error.violations, folder));
  process.exit(1);
}
