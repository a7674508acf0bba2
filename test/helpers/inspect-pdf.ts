import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface InspectedPdf {
  pages: number;
  candles: number;
  fontNames: string[];
  text: string;
}

/** What a reader sees in the PDF: marked-content tags and fonts from the operator list, plus the text. */
export async function inspectPdf(pdf: Uint8Array): Promise<InspectedPdf> {
  // pdfjs takes ownership of the buffer it is given.
  const document = await getDocument({ data: pdf.slice(), verbosity: 0 }).promise;
  try {
    const page = await document.getPage(1);
    const { fnArray, argsArray } = await page.getOperatorList();
    const tagOf = (i: number): unknown => (argsArray[i] as [{ name?: string }] | null)?.[0]?.name;
    const isMarkedContentStart = (fn: number) => fn === OPS.beginMarkedContent || fn === OPS.beginMarkedContentProps;
    const candles = fnArray.filter((fn, i) => isMarkedContentStart(fn) && tagOf(i) === 'Candle').length;
    const fontIds = new Set(fnArray.flatMap((fn, i) => (fn === OPS.setFont ? [(argsArray[i] as [string])[0]] : [])));
    const fontNames = [...fontIds].map((id) => (page.commonObjs.get(id) as { name: string }).name);
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join('');
    return { pages: document.numPages, candles, fontNames, text };
  } finally {
    await document.destroy();
  }
}
