import type { EngineEnv } from '../config/env';
import { createDynamoLedger } from '../adapters/dynamodb/ledger';
import { createPdfPrintRenderer } from '../adapters/print/pdf-print-renderer';
import type { ClosePrintBatchesDeps } from '../use-cases/close-print-batches';
import { documentClient } from './common';
import { printArchiveOf, printFontOf } from './print';

/** Adapters of the day's print batches: the print files, the PDF renderer and the ledger (sends only). */
export function composePrintBatches(env: EngineEnv): ClosePrintBatchesDeps {
  return {
    archive: printArchiveOf(env),
    renderer: createPdfPrintRenderer(printFontOf(env)),
    ledger: createDynamoLedger(documentClient(), env.TABLE_NAME, { retentionDays: env.LEDGER_RETENTION_DAYS }),
  };
}
