import type { Locale, PostalAddress } from '../domain/customer';
import type { PrintDesign } from '../domain/journey/schema';

/** A personalised direct-mail piece, ready to lay out. */
export interface PrintPiece {
  design: PrintDesign;
  locale: Locale;
  /** Drives the artwork: the birthday design draws one candle per year. */
  age: number | null;
  headline: string;
  body: string;
  signoff: string;
  /** What the welcome letter lists (the pack's contents chosen for this customer), one line each. */
  items?: string[];
  /** The welcome letter's invitation (to the owner programme), set apart from the letter. */
  invitation?: string;
  recipient: { name: string; address: PostalAddress };
  sender: { name: string; address: PostalAddress };
}

/** Lays out a print piece as a print-ready PDF. */
export interface PrintRenderer {
  renderPrintPiece(piece: PrintPiece): Promise<Uint8Array>;
}

/** Where print-ready files go for the print house: a local folder, or S3 in AWS. */
export interface PrintStore {
  /** Stores the file under `key` (idempotent: the same key overwrites the same file). */
  storePrintFile(key: string, pdf: Uint8Array): Promise<{ location: string }>;
}
