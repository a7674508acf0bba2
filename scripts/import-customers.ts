/**
 * `npm run import -- <customers.jsonl>`: loads customers (and dealers) into the engine table.
 * Local by default: dynalite is started in this process on the same `.local` data as `npm start`
 * (which must not be running on it); `--table NAME` writes to a deployed table instead, with the
 * caller's AWS credentials and region.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readCommandLine } from './command-line';
import { formatImportSummary, importFile } from '../shared/import/import-file';
import { loadJourneyConfig } from '../shared/config/load-journeys';
import { progressLine } from '../local/progress';
import type { LocalStack } from '../local/servers';
import { cliDocumentClient, openLocalTable } from '../local/local-table';
import { lunarJavascriptCalendar } from '../shared/domain/calendar/lunar-javascript-calendar';
import { useLunarCalendar } from '../shared/domain/triggers/festival';

// Due dates of festival journeys are computed here, outside a function: with the lunar library.
useLunarCalendar(lunarJavascriptCalendar);

const usage = `Usage: npm run import -- <customers.jsonl> [options]

Imports customers with their vehicles, and dealers, one JSON object a line (format and JSON
Schema: examples/customer-import.schema.json). Bad lines are reported with line number, field
and reason; good lines are imported. Importing the same file again changes nothing.

  --data-dir PATH   local state folder, as for npm start (default: .local); stop npm start first
  --table NAME      write to this deployed DynamoDB table with your AWS credentials instead
  --journeys PATH   the journeys whose due dates customers are filed under (default: journeys)
  --help            this text

Exit status: 0 all lines imported, 1 some lines rejected, 2 nothing imported (usage, file, table).`;

async function main(argv: string[]): Promise<number> {
  const parsed = readCommandLine(argv, { 'data-dir': { type: 'string', default: '.local' }, journeys: { type: 'string', default: 'journeys' }, table: { type: 'string' } }, usage, { positionals: true });
  if (typeof parsed === 'number') return parsed;
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) {
    console.error(`Give exactly one file to import.\n\n${usage}`);
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`No such file: ${file}`);
    return 2;
  }

  let stack: LocalStack | undefined;
  let tableName = parsed.values.table;
  try {
    if (tableName === undefined) {
      const opened = await openLocalTable(parsed.values['data-dir']);
      stack = opened.stack;
      tableName = opened.tableName;
      console.log(`Importing ${file} into the local table in ${opened.dataDir}`);
    } else {
      console.log(`Importing ${file} into DynamoDB table ${tableName}`);
    }
    const client = cliDocumentClient();
    // Customers are filed in the due index as they are written, so the next run finds them due.
    const { journeys } = await loadJourneyConfig(resolve(parsed.values.journeys));
    const summary = await importFile(file, { client, tableName, now: new Date(), journeys, onProgress: progressLine('Read (bytes)') });
    console.log(formatImportSummary(summary));
    return summary.rejected.length > 0 ? 1 : 0;
  } catch (error) {
    console.error(`Import failed: ${(error as Error).message}`);
    return 2;
  } finally {
    await stack?.stop();
  }
}

process.exitCode = await main(process.argv.slice(2));
