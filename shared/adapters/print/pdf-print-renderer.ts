import PDFDocument from 'pdfkit';
import type { PrintBatchRenderer, PrintRenderer } from '../../ports/print';
import { printLayouts } from './designs';
import { assertGlyphs } from './glyphs';
import { collect, fontLoader, newDocument } from './pdf-document';
// Loaded as a bundle of its own by dispatch: its stack traces are mapped through its own map.
import '../../stack-traces';

/** Options for {@link createPdfPrintRenderer}. */
export interface PdfPrintRendererOptions {
  /** Stamped as the PDF's creation date; fix it to get byte-identical files for the same piece. */
  now?: () => Date;
}

/**
 * A {@link PrintRenderer} drawing print-ready PDFs with pdfkit, one module per design under
 * `designs/`, and the day's batch of many pieces in one PDF with the same designs.
 * `fontPath` is a static TTF that covers Latin and Chinese (Noto Sans SC); it is read and parsed
 * once, on the first render, then reused.
 */
export function createPdfPrintRenderer(fontPath: string, options: PdfPrintRendererOptions = {}): PrintRenderer & PrintBatchRenderer {
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
    async renderPrintBatch(pieces, creationDate) {
      if (pieces.length === 0) throw new Error('a print batch needs at least one piece');
      const font = await loadFont();
      // Checked before drawing: a piece that fails would leave the batch half set.
      for (const piece of pieces) assertGlyphs(font, piece);
      const doc = new PDFDocument({
        // As in newDocument: the parsed font also keeps pdfkit off its Helvetica AFM files.
        font: font as unknown as string,
        autoFirstPage: false,
        margin: 0,
        info: { Title: 'Print batch', Producer: 'dealer-journeys', Creator: 'dealer-journeys', CreationDate: creationDate },
      });
      const bytes = collect(doc);
      let pageCount = 0;
      doc.on('pageAdded', () => pageCount++);
      const pages = pieces.map((piece) => {
        const layout = printLayouts[piece.design];
        const before = pageCount;
        doc.addPage({ size: [layout.page.width, layout.page.height], margin: 0 });
        // pdfkit keeps the font size from the previous piece; a new document starts at 12 pt.
        doc.fontSize(12);
        layout.draw(doc, piece);
        return pageCount - before;
      });
      doc.end();
      return { pdf: await bytes, pages };
    },
  };
}
