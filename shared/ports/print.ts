import type { PrintPiece } from '../domain/print-piece';

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
}

/** The print store read back, for closing a day's batch. */
export interface PrintArchive extends PrintStore {
  /** Keys under `prefix` (e.g. `2026-03-14/`), in no particular order. */
  listPrintFiles(prefix: string): Promise<string[]>;
  /** The file's bytes, or undefined when there is none under `key`. */
  readPrintFile(key: string): Promise<Uint8Array | undefined>;
  /** Where the file under `key` is (a path, an `s3://` URL), for people to find it. */
  locationOf(key: string): string;
}
