import { readFile } from 'node:fs/promises';
import PDFDocument from 'pdfkit';
import { create as parseFont, type Font } from 'fontkit';
import type { PrintPiece } from '../../ports/print';
import type { PageSize } from './geometry';

/**
 * The print font, read and parsed on first use and kept: re-parsing a 10 MB CJK font costs several
 * times the rest of a piece. A failed read is not kept, so the next message tries again (SQS
 * retries the failed one).
 */
export function fontLoader(fontPath: string): () => Promise<Font> {
  let font: Promise<Font> | undefined;
  const load = async (): Promise<Font> => {
    const parsed = parseFont(await readFile(fontPath));
    if ('fonts' in parsed) throw new Error(`${fontPath} is a font collection; give a single TTF`);
    return parsed;
  };
  return () => {
    font ??= load().catch((error: unknown) => {
      font = undefined;
      throw error;
    });
    return font;
  };
}

/** A one-page document of the design's size in the embedded font, with the piece's metadata. */
export function newDocument(font: Font, page: PageSize, piece: PrintPiece, creationDate: Date): PDFKit.PDFDocument {
  const options = {
    // pdfkit takes a parsed fontkit font at run time (its types only say string); passing it here
    // also keeps pdfkit from loading its Helvetica AFM files, which a bundle does not have.
    font: font as unknown as string,
    size: [page.width, page.height],
    margin: 0,
    lang: piece.locale,
    info: { Title: piece.headline, Producer: 'dealer-journeys', Creator: 'dealer-journeys', CreationDate: creationDate },
  };
  return new PDFDocument(options);
}

/** The document's bytes once it ends. */
export function collect(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
}
