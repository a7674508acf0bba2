import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A run of text as placed on the page: baseline `y` from the top edge, like pdfkit's coordinates. */
export interface PlacedText {
  str: string;
  x: number;
  y: number;
  /** Advance width of the run, in points. */
  width: number;
  size: number;
}

export interface InspectedPdf {
  pages: number;
  /** `Candle` marked-content sections, drawn or not. */
  candles: number;
  /** Marked-content sections by tag (`Candle`, `PackItem`, `Invitation`), drawn or not. */
  marked: Record<string, number>;
  /** `Candle` sections that paint: at least one fill of a path with an area. Tags alone do not count. */
  drawnCandles: number;
  fontNames: string[];
  text: string;
  placedText: PlacedText[];
}

const fillOps = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

/** What a reader sees on a page of the PDF (the first unless told): marked-content tags, painting and fonts from the operator list, plus the text. */
export async function inspectPdf(pdf: Uint8Array, pageNumber = 1): Promise<InspectedPdf> {
  // pdfjs takes ownership of the buffer it is given.
  const document = await getDocument({ data: pdf.slice(), verbosity: 0 }).promise;
  try {
    const page = await document.getPage(pageNumber);
    const { fnArray, argsArray } = await page.getOperatorList();
    const tagOf = (i: number): unknown => (argsArray[i] as [{ name?: string }] | null)?.[0]?.name;
    const isMarkedContentStart = (fn: number) => fn === OPS.beginMarkedContent || fn === OPS.beginMarkedContentProps;
    const candles = fnArray.filter((fn, i) => isMarkedContentStart(fn) && tagOf(i) === 'Candle').length;
    const marked: Record<string, number> = {};
    fnArray.forEach((fn, i) => {
      const tag = tagOf(i);
      if (isMarkedContentStart(fn) && typeof tag === 'string') marked[tag] = (marked[tag] ?? 0) + 1;
    });
    const fontIds = new Set(fnArray.flatMap((fn, i) => (fn === OPS.setFont ? [(argsArray[i] as [string])[0]] : [])));
    const fontNames = [...fontIds].map((id) => (page.commonObjs.get(id) as { name: string }).name);
    const content = await page.getTextContent();
    const pageHeight = page.view[3]!;
    const items = content.items.flatMap((item) => ('str' in item ? [item] : []));
    const text = items.map((item) => item.str).join('');
    const placedText = items
      .filter((item) => item.str !== '')
      .map((item) => ({ str: item.str, x: item.transform[4] as number, y: pageHeight - (item.transform[5] as number), width: item.width, size: item.transform[3] as number }));
    return { pages: document.numPages, candles, marked, drawnCandles: countDrawnCandles(fnArray, argsArray), fontNames, text, placedText };
  } finally {
    await document.destroy();
  }
}

/**
 * pdfjs folds each path and its painting operator into one `constructPath` whose arguments are
 * the painting operator, the path, and its bounds [minX, minY, maxX, maxY].
 */
function countDrawnCandles(fnArray: number[], argsArray: unknown[]): number {
  let drawn = 0;
  let depth = 0;
  let candleDepth: number | undefined;
  let painted = false;
  fnArray.forEach((fn, i) => {
    if (fn === OPS.beginMarkedContent || fn === OPS.beginMarkedContentProps) {
      depth++;
      if (candleDepth === undefined && (argsArray[i] as [{ name?: string }] | null)?.[0]?.name === 'Candle') {
        candleDepth = depth;
        painted = false;
      }
    } else if (fn === OPS.endMarkedContent) {
      if (depth === candleDepth) {
        if (painted) drawn++;
        candleDepth = undefined;
      }
      depth--;
    } else if (candleDepth !== undefined && !painted) {
      painted = fillOps.has(fn) || (fn === OPS.constructPath && paintsArea(argsArray[i]));
    }
  });
  return drawn;
}

function paintsArea(args: unknown): boolean {
  const [op, , bounds] = args as [number, unknown, ArrayLike<number> | null];
  if (!fillOps.has(op) || !bounds) return false;
  return bounds[2]! - bounds[0]! > 0 && bounds[3]! - bounds[1]! > 0;
}
