import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { DynamoDBDocumentClient } from '../adapters/dynamodb/document-client';
import { createDynamoCustomerErasure } from '../adapters/dynamodb/customer-erasure';
import { createDynamoCustomerStore } from '../adapters/dynamodb/customer-store';
import { createDynamoDueIndex } from '../adapters/dynamodb/due-index';
import type { Journey } from '../domain/journey/schema';
import { datesCurrentAnywhere } from '../domain/dates';
import { importCustomers, type ImportSummary } from '../use-cases/import-customers';

export interface ImportFileOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  now: Date;
  /** Bytes read of the file so far, and its size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** The journeys whose due dates the imported customers are filed under (see `fileDueDates`). */
  journeys?: readonly Journey[];
}

/** Imports a JSON Lines file into the engine table (see `shared/import/format.ts`). */
export async function importFile(path: string, { client, tableName, now, onProgress = () => undefined, journeys }: ImportFileOptions): Promise<ImportSummary> {
  const { size } = await stat(path);
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  // A birth date is in the future only once it is after the latest date anywhere on Earth.
  const today = datesCurrentAnywhere(now).at(-1)!;
  try {
    return await importCustomers(lines, today, {
      store: createDynamoCustomerStore(client, tableName),
      tombstones: createDynamoCustomerErasure(client, tableName),
      onProgress: () => onProgress(stream.bytesRead, size),
      ...(journeys ? { dueDates: { journeys, dueIndex: createDynamoDueIndex(client, tableName) } } : {}),
    });
  } finally {
    lines.close();
    stream.destroy();
  }
}

/** The summary as the CLI prints it: counts first, then each rejected line (the first `limit`). */
export function formatImportSummary(summary: ImportSummary, limit = 100): string {
  const counts = (c: ImportSummary['customers']) => `${c.imported} imported, ${c.updated} updated, ${c.unchanged} unchanged`;
  const out = [
    `Customers: ${counts(summary.customers)}`,
    `Dealers:   ${counts(summary.dealers)}`,
    ...(summary.brands.imported + summary.brands.updated + summary.brands.unchanged > 0 ? [`Brands:    ${counts(summary.brands)}`] : []),
    `Rejected:  ${summary.rejected.length} line${summary.rejected.length === 1 ? '' : 's'}`,
    ...(summary.erased.length > 0 ? [`Skipped:   ${summary.erased.length} line${summary.erased.length === 1 ? '' : 's'} of erased customers (lines ${summary.erased.slice(0, limit).join(', ')})`] : []),
  ];
  for (const { line, issues } of summary.rejected.slice(0, limit)) {
    for (const issue of issues) out.push(`  line ${line}: ${issue.path}: ${issue.message}`);
  }
  if (summary.rejected.length > limit) out.push(`  ... and ${summary.rejected.length - limit} more rejected lines`);
  for (const { dealerId, line, journeys } of summary.dealersWithoutBrand) {
    out.push(`Note: line ${line}: dealer ${dealerId} belongs to no brand (no brandId): its customers get no message of the journeys sent by the brand (${journeys.join(', ')}); those sends will be recorded failed`);
  }
  return out.join('\n');
}
