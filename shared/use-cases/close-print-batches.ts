/**
 * Closes a day's print batches: one PDF and one manifest per sender (dealer or brand) with every
 * piece of that day the ledger recorded `sent`, plus a report of the pieces left out and why.
 * Pieces of the week before that were staged, or recorded sent, after their own day closed join
 * too (`late`), so none waits for someone to close its day again by hand.
 * Two closes at once (a re-run, the next day's) never both take a piece: each takes its pieces
 * with a conditional write on the pieces' days (`closed-pieces.ts`) before it sets any batch.
 * Idempotent: the same staged pieces give the same files, byte for byte (the order is fixed and
 * the PDF is stamped with the day, not the clock), so a re-run or a retry rewrites them unchanged.
 */
import { addDays, type IsoDate } from '../domain/dates';
import { batchKeys, batchOrder, manifestCsv, senderKey, StagedPiece, stagedPieceKey, stagedPiecesPrefix, type PrintableStagedPiece } from '../domain/print-batch';
import type { Ledger, SendRecord } from '../ports/ledger';
import type { PrintArchive, PrintBatchRenderer } from '../ports/print';
import { piecesClosedAround, safeJson, takePieces } from './closed-pieces';
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
  /** Of them, pieces of an earlier day that came after it closed. */
  late: number;
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

/**
 * Days either side of the closed one whose closes are looked at, and before it whose late pieces
 * it takes: a week, as far back as the reconciler re-drives an occurrence and the release looks
 * for held messages.
 */
export const latePieceLookBackDays = 7;

export async function closePrintBatches(date: IsoDate, deps: ClosePrintBatchesDeps): Promise<PrintBatchSummary> {
  const { archive } = deps;
  const closedElsewhere = await piecesClosedAround(date, latePieceLookBackDays, archive);
  const own = await readStaged(stagedPiecesPrefix(date), closedElsewhere, archive);
  const staged = own.pieces.filter((piece) => piece.sendDate === date);
  const unreadable = own.unreadable + (own.pieces.length - staged.length);
  const earlier: StagedPiece[] = [];
  for (let back = latePieceLookBackDays; back >= 1; back -= 1) {
    const day = addDays(date, -back);
    // An unreadable late record is counted by its own day's close, not once more per later day.
    earlier.push(...(await readStaged(stagedPiecesPrefix(day), closedElsewhere, archive)).pieces.filter((piece) => piece.sendDate === day));
  }

  // The ledger, not the folder, says what was sent: a piece staged by an attempt that did not
  // finish (a crash before `sent` was recorded) waits for its retry, then joins a re-run (or,
  // once its day has closed, the next day's close).
  const statuses = await sendStatuses([...staged, ...earlier], deps.ledger);
  // What a close takes: a piece it prints or reports unprintable.
  const taking = (piece: StagedPiece) => piece.status === 'unprintable' || statuses.get(piece.pieceId) === 'sent';
  // A late piece still not sent is its own day's report's business, not this one's.
  const late = earlier.filter(taking);
  // Taken before any batch is set: a close that stops midway is finished by its retry, which
  // takes the same pieces, and no other close takes them meanwhile. A piece another close took
  // first, between reading and taking, is left to that close.
  const wantedByDay = new Map<IsoDate, string[]>();
  for (const piece of [...staged, ...late].filter(taking)) wantedByDay.set(piece.sendDate, [...(wantedByDay.get(piece.sendDate) ?? []), piece.pieceId]);
  const held = await takePieces(date, wantedByDay, archive);
  const bySender = new Map<string, { printable: PrintableStagedPiece[]; leftOut: LeftOutPiece[]; late: number }>();
  for (const piece of [...staged, ...late].filter((piece) => !taking(piece) || held.has(piece.pieceId))) {
    const group = bySender.get(senderKey(piece.sender)) ?? { printable: [], leftOut: [], late: 0 };
    bySender.set(senderKey(piece.sender), group);
    const status = statuses.get(piece.pieceId);
    if (piece.status === 'unprintable') group.leftOut.push({ pieceId: piece.pieceId, reason: piece.reason });
    else if (status !== 'sent') group.leftOut.push({ pieceId: piece.pieceId, reason: `not-sent: ${status ?? 'no send recorded'}` });
    else group.printable.push(piece);
    if (piece.sendDate !== date && piece.status === 'printable') group.late += 1;
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
    const latePieces = pieces.filter((piece) => piece.sendDate !== date).map((piece) => piece.pieceId);
    const report = { date, sender, pieces: pieces.length, pages, late: latePieces, leftOut };
    const reportLocation = (await archive.storePrintFile(keys.report, new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`))).location;
    batches.push({ sender, pieces: pieces.length, late: group.late, pages, ...(files ?? {}), report: reportLocation, leftOut });
  }
  return { date, batches, unreadable };
}

/** The staged records under a day's prefix that no other close took; `unreadable` those that do not parse. */
async function readStaged(prefix: string, closedElsewhere: ReadonlySet<string>, archive: PrintArchive): Promise<{ pieces: StagedPiece[]; unreadable: number }> {
  const recordKeys = (await archive.listPrintFiles(prefix))
    .filter((key) => key.endsWith('.json') && !closedElsewhere.has(key.slice('staged/'.length, -'.json'.length)))
    .sort();
  const pieces: StagedPiece[] = [];
  let unreadable = 0;
  await forEachConcurrently(recordKeys, 8, async (key) => {
    const bytes = await archive.readPrintFile(key);
    const parsed = bytes ? StagedPiece.safeParse(safeJson(new TextDecoder().decode(bytes))) : undefined;
    if (parsed?.success && stagedPieceKey(parsed.data.pieceId) === key) pieces.push(parsed.data);
    else unreadable++;
  });
  return { pieces, unreadable };
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
