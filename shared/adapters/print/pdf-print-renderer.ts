import type { PrintRenderer } from '../../ports/print';
import { printLayouts } from './designs';
import { assertGlyphs } from './glyphs';
import { collect, fontLoader, newDocument } from './pdf-document';

/** Options for {@link createPdfPrintRenderer}. */
export interface PdfPrintRendererOptions {
  /** Stamped as the PDF's creation date; fix it to get byte-identical files for the same piece. */
  now?: () => Date;
}

/**
 * A {@link PrintRenderer} drawing print-ready PDFs with pdfkit, one module per design under
 * `designs/`. `fontPath` is a static TTF that covers Latin and Chinese (Noto Sans SC); it is read
 * and parsed once, on the first render, then reused.
 */
export function createPdfPrintRenderer(fontPath: string, options: PdfPrintRendererOptions = {}): PrintRenderer {
  const now = options.now ?? (() => new Date());
  const loadFont = fontLoader(fontPath);
  return {
    async renderPrintPiece(piece) {
      const font = await loadFont();
      assertGlyphs(font, piece);
      const layout = printLayouts[piece.design];
      const doc = newDocument(font, layout.page, piece, now());
      const bytes = collect(doc);
      layout.draw(doc, piece);
      doc.end();
      return bytes;
    },
  };
}
