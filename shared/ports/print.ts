import type { PrintPiece } from '../domain/print-piece';
import type { StagedPiece } from '../domain/print-batch';

export type { PrintPiece } from '../domain/print-piece';

/** Lays out a print piece as a print-ready PDF. */
export interface PrintRenderer {
  renderPrintPiece(piece: PrintPiece): Promise<Uint8Array>;
}

/** A day's batch for one sender as set: the PDF, and how many pages each piece took, in order. */
export interface RenderedBatch {
  pdf: Uint8Array;
  pages: number[];
}

/** Sets many pieces in one print-ready PDF, in the order given, each from a new page. */
export interface PrintBatchRenderer {
  /** `creationDate` is stamped on the PDF: the same pieces and date give the same bytes. */
  renderPrintBatch(pieces: readonly PrintPiece[], creationDate: Date): Promise<RenderedBatch>;
}

/** Where print-ready files go for the print house: a local folder, or S3 in AWS. */
export interface PrintStore {
  /**
   * Stores the file under `key` (idempotent: the same key overwrites the same file). The key's
   * extension says what it is (`.pdf`, `.csv`, `.json`).
   */
  storePrintFile(key: string, body: Uint8Array): Promise<{ location: string }>;
  /**
   * Stores a piece's staged record, as `storePrintFile` would store its JSON at
   * `stagedPieceKey(record.pieceId)`, for a store that takes the record as it is: one that keeps
   * no bytes (the simulation's recording store) is spared a serialisation per piece. Stores
   * without it are given the JSON through `storePrintFile`.
   */
  storeStagedPiece?(record: StagedPiece): Promise<{ location: string }>;
}

/** A stored file as read, with the version a conditional replace names. */
export interface PrintFileVersion {
  body: Uint8Array;
  version: string;
}

/** The print store read back, for closing a day's batch. */
export interface PrintArchive extends PrintStore {
  /** Keys under `prefix` (e.g. `2026-03-14/`), in no particular order. */
  listPrintFiles(prefix: string): Promise<string[]>;
  /** The file's bytes, or undefined when there is none under `key`. */
  readPrintFile(key: string): Promise<Uint8Array | undefined>;
  /**
   * The file's bytes and its version (an S3 ETag; locally a digest of the bytes), or undefined
   * when there is none, for a {@link PrintArchive.replacePrintFile} that must not lose a write.
   */
  readPrintFileVersion(key: string): Promise<PrintFileVersion | undefined>;
  /**
   * Stores the file only if it is still as read: at `expectedVersion`, or, when that is
   * undefined, only if there is none yet. Returns false when another write came first (read it
   * again and decide again).
   */
  replacePrintFile(key: string, body: Uint8Array, expectedVersion: string | undefined): Promise<boolean>;
  /** Where the file under `key` is (a path, an `s3://` URL), for people to find it. */
  locationOf(key: string): string;
}
