/**
 * Print batches: per day and sender (a dealer or a brand), one print-ready PDF with every piece of
 * that day and a manifest CSV with one row per piece, in the PDF's order. Dispatch stages each
 * piece beside its own PDF (`StagedPiece`); closing the day reads them back, keeps those the
 * ledger recorded `sent`, and sets the batch. Pure: keys, the staged record, order and the CSV.
 */
import * as z from 'zod';
import { IsoDateString, type IsoDate } from './dates';
import { JourneySender } from './brand';
import { PrintPiece } from './print-piece';

/** Who a batch is for: the print house bills and posts per sender (return address, franking). */
export const BatchSender = z.object({ kind: JourneySender, id: z.string().min(1) });
export type BatchSender = z.infer<typeof BatchSender>;

/** `dealer-<id>` or `brand-<id>`: one batch per day each, named so in the batch folder. */
export const senderKey = (sender: BatchSender): string => `${sender.kind}-${sender.id}`;

/**
 * Key of one piece without its extension: the piece id. One per occurrence and message, filed
 * under the day it goes out (a card mailed ahead: three days before the birthday), which is the
 * batch it belongs to. `<piece id>.pdf` is the piece's own file; its {@link StagedPiece} is kept
 * apart, at {@link stagedPieceKey}, so the day's folder holds only what is printed.
 */
export function pieceId(piece: { sendDate: IsoDate; journeyId: string; customerId: string; messageId: string }): string {
  return `${piece.sendDate}/${piece.journeyId}/${piece.customerId}-${piece.messageId}`;
}

/** Where dispatch stages the record of a piece for its day's batch. */
export const stagedPieceKey = (id: string): string => `staged/${id}.json`;

/** Where a day's staged pieces are listed from. Batches live apart, under `batches/`. */
export const stagedPiecesPrefix = (date: IsoDate): string => `staged/${date}/`;

/** Where a day's batches are, one folder per sender. */
export const dayBatchesPrefix = (date: IsoDate): string => `batches/${date}/`;

/** The files of one sender's batch for a day. */
export function batchKeys(date: IsoDate, sender: string): { pdf: string; manifest: string; report: string } {
  const folder = `${dayBatchesPrefix(date)}${sender}`;
  return { pdf: `${folder}/pieces.pdf`, manifest: `${folder}/manifest.csv`, report: `${folder}/report.json` };
}

/**
 * Which close took each piece of a day (put it in a batch or reported it unprintable): the day's
 * own close, or a later one that took it late (staged, or sent, after its day closed). Every close
 * that takes a piece writes it here, on the piece's own day, with a conditional write: two closes
 * at once (a re-run, the next day's) cannot both take it, and so print it twice.
 */
export const closedPiecesKey = (date: IsoDate): string => `${dayBatchesPrefix(date)}closed-pieces.json`;

/** One piece a close took, and the day that close was for. */
export const ClosedPiece = z.object({ pieceId: z.string().min(1), closedOn: IsoDateString });
export type ClosedPiece = z.infer<typeof ClosedPiece>;

/**
 * A day's `closed-pieces.json`. Files written before closes claimed pieces on their own day list
 * bare ids: the pieces that day's close took, of whatever day.
 */
export const ClosedPieces = z.object({ date: IsoDateString, pieces: z.array(z.union([z.string().min(1), ClosedPiece])) });
export type ClosedPieces = z.infer<typeof ClosedPieces>;

/** The file's pieces, each with the close that took it (a bare id: the file's own day's close). */
export const closedPiecesOf = (file: ClosedPieces): ClosedPiece[] =>
  file.pieces.map((piece) => (typeof piece === 'string' ? { pieceId: piece, closedOn: file.date } : piece));

/**
 * A close of `closedOn` taking `wanted` pieces of the file's day: it keeps what other closes took,
 * and takes the rest; what it took before and wants no more is given up. `pieces` is the file to
 * write (in batch order), `taken` what this close holds.
 */
export function takeClosedPieces(file: readonly ClosedPiece[], closedOn: IsoDate, wanted: readonly string[]): { pieces: ClosedPiece[]; taken: string[] } {
  const others = file.filter((piece) => piece.closedOn !== closedOn);
  const takenElsewhere = new Set(others.map((piece) => piece.pieceId));
  const taken = [...new Set(wanted)].filter((pieceId) => !takenElsewhere.has(pieceId));
  return { pieces: batchOrder([...others, ...taken.map((pieceId) => ({ pieceId, closedOn }))]), taken };
}

const SendFields = z.object({ customerId: z.string().min(1), journeyId: z.string().min(1), occurrenceKey: z.string().min(1), messageId: z.string().min(1) });

/**
 * What dispatch stages for the batch, one per print send: the piece as rendered (to set it again in
 * the batch), or why it could not be printed (listed in the batch's report, never printed).
 */
export const StagedPiece = z.discriminatedUnion('status', [
  z.object({ status: z.literal('printable'), pieceId: z.string().min(1), sendDate: z.string(), send: SendFields, template: z.string().min(1), sender: BatchSender, piece: PrintPiece }),
  z.object({ status: z.literal('unprintable'), pieceId: z.string().min(1), sendDate: z.string(), send: SendFields, template: z.string().min(1), sender: BatchSender, reason: z.string().min(1) }),
]);
export type StagedPiece = z.infer<typeof StagedPiece>;
export type PrintableStagedPiece = Extract<StagedPiece, { status: 'printable' }>;

/**
 * The batch order: by piece id, so by journey, then customer and message, compared by code unit
 * (not by locale, which differs between machines). The same pieces always give the same batch.
 */
export function batchOrder<T extends { pieceId: string }>(pieces: readonly T[]): T[] {
  return [...pieces].sort((a, b) => (a.pieceId < b.pieceId ? -1 : a.pieceId > b.pieceId ? 1 : 0));
}

/** Address lines a piece may have (`PostalAddress.lines` holds 1 to 4): one column each. */
const ADDRESS_LINE_COLUMNS = 4;

export const manifestHeader = [
  'sequence',
  'piece_id',
  'first_page',
  'pages',
  'name',
  ...Array.from({ length: ADDRESS_LINE_COLUMNS }, (_, i) => `address_line_${i + 1}`),
  'postcode',
  'city',
  'country',
  'journey',
  'template',
];

/** One printed piece as the manifest lists it; `pages` is how many PDF pages it takes. */
export interface ManifestPiece {
  piece: PrintableStagedPiece;
  pages: number;
}

/**
 * The manifest, RFC 4180: CRLF line ends, a field quoted when it holds a comma, a quote, a line
 * break or edge spaces (quotes doubled), UTF-8 with a byte order mark so spreadsheet programs read
 * Chinese names right. Row n is the n-th piece of the PDF; `first_page` says where it starts.
 */
export function manifestCsv(pieces: readonly ManifestPiece[]): string {
  let page = 1;
  const rows = pieces.map(({ piece, pages }, index) => {
    const { name, address } = piece.piece.recipient;
    const lines = Array.from({ length: ADDRESS_LINE_COLUMNS }, (_, i) => address.lines[i] ?? '');
    const row = [String(index + 1), piece.pieceId, String(page), String(pages), name, ...lines, address.postcode, address.city, address.country, piece.send.journeyId, piece.template];
    page += pages;
    return row;
  });
  return '\uFEFF' + [manifestHeader, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The latest day every time zone has left at `now`: its batch can be closed, since no send is
 * still due on it anywhere (the day ends last at UTC-12, at 12:00 UTC the next day).
 */
export function lastEndedDay(now: Date): IsoDate {
  const endedBy = new Date(now.getTime() - 12 * 3_600_000 - 24 * 3_600_000);
  return endedBy.toISOString().slice(0, 10);
}
