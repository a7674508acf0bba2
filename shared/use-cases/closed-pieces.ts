/**
 * Which close took which print piece (`closed-pieces.json`, one per day, see `closedPiecesKey`):
 * read by every close to leave alone what another took, and written, conditionally, by every
 * close that takes a piece, on the piece's own day.
 */
import { addDays, type IsoDate } from '../domain/dates';
import { ClosedPieces, closedPiecesKey, closedPiecesOf, dayBatchesPrefix, takeClosedPieces, type ClosedPiece } from '../domain/print-batch';
import { RetryLaterError } from '../domain/errors';
import type { PrintArchive } from '../ports/print';

/** Rounds of reading and writing one day's file before the close is left to its retry. */
const takeRounds = 5;

/** A day's file as read: its pieces and the version a replace must name (undefined: no file yet). */
async function readClosedPieces(day: IsoDate, archive: PrintArchive): Promise<{ pieces: ClosedPiece[]; version: string | undefined }> {
  const key = closedPiecesKey(day);
  // Listed before it is read: in S3 a read of a missing key is refused (403), not answered empty, for a role that may not list it.
  if (!(await archive.listPrintFiles(dayBatchesPrefix(day))).includes(key)) return { pieces: [], version: undefined };
  const file = await archive.readPrintFileVersion(key);
  if (!file) return { pieces: [], version: undefined };
  const parsed = ClosedPieces.safeParse(safeJson(new TextDecoder().decode(file.body)));
  // A file that does not parse is replaced like any other: it took nothing anyone can name.
  return { pieces: parsed.success ? closedPiecesOf(parsed.data) : [], version: file.version };
}

/** Pieces that closes of other days than `date` took, from the files of the days `lookBackDays` around it. */
export async function piecesClosedAround(date: IsoDate, lookBackDays: number, archive: PrintArchive): Promise<Set<string>> {
  const closed = new Set<string>();
  for (let offset = -lookBackDays; offset <= lookBackDays; offset += 1) {
    // Its own day too: a later close may have taken a piece of this day late.
    for (const piece of (await readClosedPieces(addDays(date, offset), archive)).pieces) {
      if (piece.closedOn !== date) closed.add(piece.pieceId);
    }
  }
  return closed;
}

/**
 * The close of `closedOn` takes `wanted` pieces, grouped by their own day: on each day's file, a
 * write conditional on the version read; when another close wrote first, it reads again and takes
 * only what that one did not. Returns the pieces this close holds, which alone go in its batches.
 */
export async function takePieces(closedOn: IsoDate, wantedByDay: ReadonlyMap<IsoDate, readonly string[]>, archive: PrintArchive): Promise<Set<string>> {
  const held = new Set<string>();
  for (const day of [...wantedByDay.keys()].sort()) {
    for (const pieceId of await takeOnDay(day, closedOn, wantedByDay.get(day)!, archive)) held.add(pieceId);
  }
  return held;
}

async function takeOnDay(day: IsoDate, closedOn: IsoDate, wanted: readonly string[], archive: PrintArchive): Promise<string[]> {
  for (let round = 1; round <= takeRounds; round += 1) {
    const current = await readClosedPieces(day, archive);
    const { pieces, taken } = takeClosedPieces(current.pieces, closedOn, wanted);
    // Nothing changed (a retry, or a second close of the same day): no write.
    if (current.version !== undefined && JSON.stringify(pieces) === JSON.stringify(current.pieces)) return taken;
    const body = new TextEncoder().encode(`${JSON.stringify({ date: day, pieces } satisfies ClosedPieces)}\n`);
    if (await archive.replacePrintFile(closedPiecesKey(day), body, current.version)) return taken;
  }
  throw new RetryLaterError(`the closed pieces of ${day} kept changing while the close of ${closedOn} took its pieces; retry`);
}

/** The JSON in `text`, or undefined when it is none (a file cut short): the caller's schema then refuses it. */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
