import type { PrintPiece } from '../../../ports/print';
import type { PageSize } from '../geometry';

/**
 * One print design: its page and how it draws a piece on it. Each design is one module under
 * `designs/`; the renderer knows them only through this shape (see `designs/index.ts`).
 */
export interface PrintLayout {
  page: PageSize;
  /** Draws the piece on the first page; throws UnprintablePieceError when it cannot be set whole. */
  draw(doc: PDFKit.PDFDocument, piece: PrintPiece): void;
}
