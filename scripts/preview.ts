/**
 * `npm run preview -- <journeyId> [--customer <id | file.json>] [--date D] [--out DIR] [--journeys DIR]`:
 * every message of a journey for one customer, rendered by the code dispatch sends with, written
 * as files. Needs no local servers: the journeys are read from their folder, the customer from
 * the demo data or a file.
 */
import { runPreview } from './preview/run-preview';

process.exitCode = await runPreview(process.argv.slice(2));
