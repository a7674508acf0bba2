/**
 * `npm run due-entry -- <customerId>`: shows a customer's due-index entry as the evaluation reads
 * it: the local date it is filed under, the journeys due on it, the journeys' fingerprint and the
 * customer record it carries. DynamoDB holds that record packed (`due-entry-record.ts`: one base64
 * attribute, to keep the entry under 1 KB), which the AWS console shows as an opaque string; this
 * is the way to read it. `--packed TEXT` unpacks such a string copied from the console.
 */
import { GetCommand } from '../shared/adapters/dynamodb/document-client';
import { unpackRecord } from '../shared/adapters/dynamodb/due-entry-record';
import { dueEntryKey } from '../shared/adapters/dynamodb/keys';
import { cliDocumentClient, onEngineTable } from '../local/local-table';
import { readCommandLine } from './command-line';

const usage = `Usage: npm run due-entry -- <customerId> [options]
       npm run due-entry -- --packed TEXT

Prints a customer's due-index entry as JSON: the date it is filed under (dueDate), the journeys
due on that date, the journeys' fingerprint it was computed with, and the customer record it
carries, unpacked. The output holds the customer's personal data: do not paste it into tickets.

  --data-dir PATH   local state folder, as for npm start (default: .local); stop npm start first
  --table NAME      a deployed DynamoDB table, with your AWS credentials, instead
  --packed TEXT     only unpack this record attribute (copied from the AWS console)
  --help            this text

Exit status: 0 shown, 1 no entry (the customer is due nothing, or unknown), 2 usage, table or
an entry that does not unpack.`;

/** The entry with its packed record unpacked in place; entries filed before packing hold the record's fields as attributes. */
function readableDueEntry(item: Record<string, unknown>): Record<string, unknown> {
  const { record, ...rest } = item;
  return typeof record === 'string' ? { ...rest, record: unpackRecord(record) } : item;
}

async function runDueEntry(argv: string[]): Promise<number> {
  const parsed = readCommandLine(argv, { 'data-dir': { type: 'string', default: '.local' }, table: { type: 'string' }, packed: { type: 'string' } }, usage, { positionals: true });
  if (typeof parsed === 'number') return parsed;
  const { packed, table, 'data-dir': dataDir } = parsed.values;
  const [customerId, ...extra] = parsed.positionals;
  if (extra.length > 0 || (packed === undefined) === (customerId === undefined)) {
    console.error(`Give one customer id, or --packed alone.\n\n${usage}`);
    return 2;
  }
  if (packed !== undefined) return show(() => unpackRecord(packed));
  return onEngineTable('due-entry', { table, dataDir }, async ({ tableName }) => {
    const { Item: item } = await cliDocumentClient().send(new GetCommand({ TableName: tableName, Key: dueEntryKey(customerId!) }));
    if (item === undefined) {
      console.error(`No due entry for customer ${customerId}: nothing is due for them, or no such customer.`);
      return 1;
    }
    return show(() => readableDueEntry(item));
  });
}

function show(read: () => unknown): number {
  let shown: unknown;
  try {
    shown = read();
  } catch (error) {
    console.error(`The record does not unpack: ${(error as Error).message}`);
    return 2;
  }
  console.log(JSON.stringify(shown, null, 2));
  return 0;
}

process.exitCode = await runDueEntry(process.argv.slice(2));
