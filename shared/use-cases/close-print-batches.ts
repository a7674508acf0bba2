/**
 * Closes a day's print batches: one PDF and one manifest per sender (dealer or brand) with every
 * piece of that day the ledger recorded `sent`, plus a report of the pieces left out and why.
 * Idempotent: the same staged pieces give the same files, byte for byte (the order is fixed and
 * the PDF is stamped with the day, not the clock), so a re-run or a retry rewrites them unchanged.
 */
import type { IsoDate } from '../domain/dates';
import { batchKeys, batchOrder, manifestCsv, senderKey, StagedPiece, stagedPiecesPrefix, type PrintableStagedPiece } from '../domain/print-batch';
import type { Ledger, SendRecord } from '../ports/ledger';
import type { PrintArchive, PrintBatchRenderer } from '../ports/print';
import { forEachConcurrently } from './concurrently';

export interface ClosePrintBatchesDeps {
  archive: PrintArchive;
  renderer: PrintBatchRenderer;
  ledger: Pick<Ledger, 'listOccurrenceSends'>;
}

/** A piece not in the batch, and why (`incomplete-address: no postcode`, `not-sent: failed`). */
export interface LeftOutPiece {
  pieceId: string;
  reason: string;
}

export interface SenderBatch {
  /** `dealer-<id>` or `brand-<id>`. */
  sender: string;
  /** Pieces in the PDF, one manifest row each. */
  pieces: number;
  pages: number;
  /** Where the PDF and the manifest are; absent when no piece of the sender could be printed. */
  pdf?: string;
  manifest?: string;
  report: string;
  leftOut: LeftOutPiece[];
}

export interface PrintBatchSummary {
  date: IsoDate;
  batches: SenderBatch[];
  /** Staged records that did not parse: counted, never allowed to stop the other pieces. */
  unreadable: number;
}

export async function closePrintBatches(date: IsoDate, deps: ClosePrintBatchesDeps): Promise<PrintBatchSummary> {
  const { archive } = deps;
  const recordKeys = (await archive.listPrintFiles(stagedPiecesPrefix(date))).filter((key) => key.endsWith('.json')).sort();
  const staged: StagedPiece[] = [];
  let unreadable = 0;
  await forEachConcurrently(recordKeys, 8, async (key) => {
    const bytes = await archive.readPrintFile(key);
    const parsed = bytes ? StagedPiece.safeParse(safeJson(new TextDecoder().decode(bytes))) : undefined;
    if (parsed?.success && parsed.data.sendDate === date) staged.push(parsed.data);
    else unreadable++;
  });

  // The ledger, not the folder, says what was sent: a piece staged by an attempt that did not
  // finish (a crash before `sent` was recorded) waits for its retry, then joins a re-run.
  const statuses = await sendStatuses(staged, deps.ledger);
  const bySender = new Map<string, { printable: PrintableStagedPiece[]; leftOut: LeftOutPiece[] }>();
  for (const piece of staged) {
    const group = bySender.get(senderKey(piece.sender)) ?? { printable: [], leftOut: [] };
    bySender.set(senderKey(piece.sender), group);
    const status = statuses.get(piece.pieceId);
    if (piece.status === 'unprintable') group.leftOut.push({ pieceId: piece.pieceId, reason: piece.reason });
    else if (status !== 'sent') group.leftOut.push({ pieceId: piece.pieceId, reason: `not-sent: ${status ?? 'no send recorded'}` });
    else group.printable.push(piece);
  }

  const batches: SenderBatch[] = [];
  for (const sender of [...bySender.keys()].sort()) {
    const group = bySender.get(sender)!;
    const keys = batchKeys(date, sender);
    const pieces = batchOrder(group.printable);
    const leftOut = batchOrder(group.leftOut);
    let pages = 0;
    let files: { pdf: string; manifest: string } | undefined;
    if (pieces.length > 0) {
      // Stamped with the day: the same pieces give the same bytes on every run.
      const rendered = await deps.renderer.renderPrintBatch(
        pieces.map((piece) => piece.piece),
        new Date(`${date}T00:00:00Z`),
      );
      pages = rendered.pages.reduce((sum, count) => sum + count, 0);
      const manifest = manifestCsv(pieces.map((piece, index) => ({ piece, pages: rendered.pages[index]! })));
      files = {
        pdf: (await archive.storePrintFile(keys.pdf, rendered.pdf)).location,
        manifest: (await archive.storePrintFile(keys.manifest, new TextEncoder().encode(manifest))).location,
      };
    }
    const report = { date, sender, pieces: pieces.length, pages, leftOut };
    const reportLocation = (await archive.storePrintFile(keys.report, new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`))).location;
    batches.push({ sender, pieces: pieces.length, pages, ...(files ?? {}), report: reportLocation, leftOut });
  }
  return { date, batches, unreadable };
}

/** Each staged piece's send status, one ledger read per occurrence. */
async function sendStatuses(pieces: StagedPiece[], ledger: ClosePrintBatchesDeps['ledger']): Promise<Map<string, SendRecord['status']>> {
  const occurrences = new Map<string, StagedPiece[]>();
  for (const piece of pieces) {
    const key = JSON.stringify([piece.send.customerId, piece.send.journeyId, piece.send.occurrenceKey]);
    occurrences.set(key, [...(occurrences.get(key) ?? []), piece]);
  }
  const statuses = new Map<string, SendRecord['status']>();
  await forEachConcurrently([...occurrences.values()], 8, async (group) => {
    const sends = await ledger.listOccurrenceSends(group[0]!.send);
    for (const piece of group) {
      const send = sends.find((record) => record.messageId === piece.send.messageId);
      if (send) statuses.set(piece.pieceId, send.status);
    }
  });
  return statuses;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
