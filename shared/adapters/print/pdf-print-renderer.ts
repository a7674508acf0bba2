import { readFile } from 'node:fs/promises';
import PDFDocument from 'pdfkit';
import { create as parseFont, type Font } from 'fontkit';
import type { PostalAddress } from '../../domain/customer';
import { assertNever } from '../../domain/assert-never';
import { UnprintablePieceError } from '../../domain/errors';
import type { PrintPiece, PrintRenderer } from '../../ports/print';
import { assertGlyphs } from './glyphs';

/** A rectangle in PDF points, origin top-left (pdfkit's coordinate system). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The frosted top of the cake, seen in perspective as an ellipse. */
export interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

/** Where one candle stands: `x` is its centre line, `baseY` where it meets the frosting. */
export interface CandleSlot {
  x: number;
  baseY: number;
  width: number;
  /** Wax plus wick plus flame. */
  height: number;
}

const MM = 72 / 25.4;

/**
 * Geometry of the 'birthday-candles' card: A5 landscape, greeting on the left, cake on the right.
 * The window sits where a C5 window envelope shows it (90 × 45 mm window, 20 mm from the left,
 * 15 mm from the top); check it against the print house's envelope before a campaign.
 */
export const BIRTHDAY_CARD = (() => {
  const page = { width: 210 * MM, height: 148 * MM };
  const addressWindow: Box = { x: 20 * MM, y: 15 * MM, width: 90 * MM, height: 45 * MM };
  const panel: Box = { x: page.width - 10 * MM - 88 * MM, y: 10 * MM, width: 88 * MM, height: page.height - 20 * MM };
  const cakeTop: Ellipse = { cx: panel.x + panel.width / 2, cy: panel.y + panel.height - 49 * MM, rx: 35 * MM, ry: 16 * MM };
  const maxCandleHeight = 28 * MM;
  const textTop = addressWindow.y + addressWindow.height + 6 * MM;
  const text: Box = { x: addressWindow.x, y: textTop, width: panel.x - 8 * MM - addressWindow.x, height: page.height - 12 * MM - textTop };
  return { page, addressWindow, panel, cakeTop, cakeDepth: 22 * MM, maxCandleHeight, text };
})();

// Bases stay in the middle band of the top and away from its rim so wax never hangs over the edge.
const BASE_BAND = 0.6;
const RIM_MARGIN = 0.86;
const WIDTH_PER_HEIGHT = 0.2;
const PITCH_PER_WIDTH = 1.8;
// Rows sit a little further apart than a candle is tall so flames never touch the wax behind.
const ROW_CLEARANCE = 0.92;
const MAX_ROWS = 16;

/** The rectangle every candle of {@link layoutCandles} stays inside, flames included. */
export function candleArea(top: Ellipse, maxHeight: number): Box {
  const y = top.cy - top.ry * BASE_BAND - maxHeight;
  return { x: top.cx - top.rx, y, width: 2 * top.rx, height: top.cy + top.ry - y };
}

/** The rectangle one candle covers, flame included. */
export function candleBox(slot: CandleSlot): Box {
  return { x: slot.x - slot.width / 2, y: slot.baseY - slot.height, width: slot.width, height: slot.height };
}

/**
 * Places `count` candles on a cake top in rows, as large as they can be (up to `maxHeight`)
 * without touching each other or leaving the frosting. Pure, so the layout is testable without a PDF.
 */
export function layoutCandles(count: number, top: Ellipse, maxHeight: number): CandleSlot[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`candle count must be a whole number ≥ 0, got ${count}`);
  if (count === 0) return [];
  let best: { rows: number[]; height: number } | undefined;
  for (let rowCount = 1; rowCount <= MAX_ROWS; rowCount++) {
    const rows = rowBases(top, rowCount);
    const spacing = rowCount > 1 ? (rows[0]! - rows[1]!) * ROW_CLEARANCE : Infinity;
    const height = largestHeightThatFits(count, top, rows, Math.min(maxHeight, spacing));
    if (height !== undefined && (best === undefined || height > best.height * 1.0001)) best = { rows, height };
  }
  if (best === undefined) throw new RangeError(`${count} candles do not fit on the cake`);
  const { rows, height } = best;
  const width = height * WIDTH_PER_HEIGHT;
  const capacities = rows.map((baseY) => rowCapacity(top, baseY, width));
  return distribute(count, capacities).flatMap((inRow, i) => {
    const baseY = rows[i]!;
    const usable = rowWidth(top, baseY) - width;
    const step = inRow > 1 ? Math.min(usable / (inRow - 1), width * 3.4) : 0;
    return Array.from({ length: inRow }, (_, k) => ({ x: top.cx + (k - (inRow - 1) / 2) * step, baseY, width, height }));
  });
}

/** Listed front to back, so when rows tie for a spare candle the front row, the most visible, gets it. */
function rowBases(top: Ellipse, rowCount: number): number[] {
  if (rowCount === 1) return [top.cy];
  const front = top.cy + top.ry * BASE_BAND;
  const step = (2 * top.ry * BASE_BAND) / (rowCount - 1);
  return Array.from({ length: rowCount }, (_, i) => front - i * step);
}

function rowWidth(top: Ellipse, baseY: number): number {
  const t = (baseY - top.cy) / top.ry;
  return 2 * top.rx * Math.sqrt(Math.max(0, 1 - t * t)) * RIM_MARGIN;
}

function rowCapacity(top: Ellipse, baseY: number, width: number): number {
  const usable = rowWidth(top, baseY) - width;
  return usable < 0 ? 0 : Math.floor(usable / (width * PITCH_PER_WIDTH)) + 1;
}

function largestHeightThatFits(count: number, top: Ellipse, rows: number[], cap: number): number | undefined {
  const fits = (h: number) => rows.reduce((sum, y) => sum + rowCapacity(top, y, h * WIDTH_PER_HEIGHT), 0) >= count;
  if (fits(cap)) return cap;
  let lo = 0;
  let hi = cap;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo > 0 ? lo : undefined;
}

/** Shares candles out in proportion to each row's room so rows look evenly filled. */
function distribute(count: number, capacities: number[]): number[] {
  const total = capacities.reduce((a, b) => a + b, 0);
  const counts = capacities.map((c) => Math.min(c, Math.floor((count * c) / total)));
  for (let left = count - counts.reduce((a, b) => a + b, 0); left > 0; left--) {
    const spare = counts.map((n, i) => capacities[i]! - n);
    counts[spare.indexOf(Math.max(...spare))]!++;
  }
  return counts;
}

/** Options for {@link createPdfPrintRenderer}. */
export interface PdfPrintRendererOptions {
  /** Stamped as the PDF's creation date; fix it to get byte-identical files for the same piece. */
  now?: () => Date;
}

/**
 * A {@link PrintRenderer} drawing print-ready PDFs with pdfkit. `fontPath` is a static TTF that covers
 * Latin and Chinese (Noto Sans SC); it is read and parsed once, on the first render, then reused:
 * re-parsing a 10 MB CJK font costs several times the rest of a card.
 */
export function createPdfPrintRenderer(fontPath: string, options: PdfPrintRendererOptions = {}): PrintRenderer {
  const now = options.now ?? (() => new Date());
  let font: Promise<Font> | undefined;
  const loadFont = async (): Promise<Font> => {
    const parsed = parseFont(await readFile(fontPath));
    if ('fonts' in parsed) throw new Error(`${fontPath} is a font collection; give a single TTF`);
    return parsed;
  };
  return {
    async renderPrintPiece(piece) {
      // A failed read is not kept: the next message tries again (SQS retries the failed one).
      font ??= loadFont().catch((error: unknown) => {
        font = undefined;
        throw error;
      });
      const loaded = await font;
      assertGlyphs(loaded, piece);
      const doc = newDocument(loaded, piece, now());
      const bytes = collect(doc);
      switch (piece.design) {
        case 'birthday-candles':
          drawBirthdayCard(doc, piece);
          break;
        default:
          assertNever(piece.design);
      }
      doc.end();
      return bytes;
    },
  };
}

function newDocument(font: Font, piece: PrintPiece, creationDate: Date): PDFKit.PDFDocument {
  const options = {
    // pdfkit takes a parsed fontkit font at run time (its types only say string); passing it here
    // also keeps pdfkit from loading its Helvetica AFM files, which a bundle does not have.
    font: font as unknown as string,
    size: [BIRTHDAY_CARD.page.width, BIRTHDAY_CARD.page.height],
    margin: 0,
    lang: piece.locale,
    info: { Title: piece.headline, Producer: 'dealer-journeys', Creator: 'dealer-journeys', CreationDate: creationDate },
  };
  return new PDFDocument(options);
}

function collect(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
}

const INK = '#3b3030';
const MUTED = '#8a7f7f';
const ACCENT = '#b0414f';
const CANDLE_COLOURS = ['#f28b82', '#7fc8a9', '#8ab4f8', '#f6c453', '#c39bd3'];

function drawBirthdayCard(doc: PDFKit.PDFDocument, piece: PrintPiece): void {
  const card = BIRTHDAY_CARD;
  doc.roundedRect(5 * MM, 5 * MM, card.page.width - 10 * MM, card.page.height - 10 * MM, 4 * MM).lineWidth(0.6).stroke('#d9b77e');
  drawAddressWindow(doc, piece);
  drawGreeting(doc, piece);
  doc.roundedRect(card.panel.x, card.panel.y, card.panel.width, card.panel.height, 4 * MM).fill('#fbeeee');
  drawBunting(doc, card.panel);
  drawCake(doc, card.cakeTop, card.cakeDepth);
  const candles = candleSlots(piece.age ?? 0);
  // Back rows first, so if a flame ever leans over it is the front row's that shows.
  for (const [i, slot] of [...candles].sort((a, b) => a.baseY - b.baseY).entries()) {
    doc.markContent('Candle');
    drawCandle(doc, slot, CANDLE_COLOURS[i % CANDLE_COLOURS.length]!);
    doc.endMarkedContent();
  }
}

function candleSlots(age: number): CandleSlot[] {
  try {
    return layoutCandles(age, BIRTHDAY_CARD.cakeTop, BIRTHDAY_CARD.maxCandleHeight);
  } catch (error) {
    // The age is personal data: the reason says what failed, not for whom.
    throw new UnprintablePieceError('the candles for this age do not fit on the cake', { cause: error });
  }
}

// Smaller than 8 pt an address is hard to read, for a postman and for a sorting machine alike.
const ADDRESS_SIZES = [10, 9.5, 9, 8.5, 8];
const RETURN_SIZES = [6.5, 6, 5.5, 5];
const lineGapAt = (size: number) => size * 0.1;

/**
 * The largest size at which every line fits the width on one line and all lines fit the height,
 * or undefined. Address lines are never wrapped or cut: a wrapped line reads as two to a sorting
 * machine, and a cut one loses the postcode.
 */
function fittingSize(doc: PDFKit.PDFDocument, lines: string[], sizes: number[], width: number, height: number): number | undefined {
  return sizes.find((size) => {
    doc.fontSize(size);
    const tall = lines.length * (doc.currentLineHeight(true) + lineGapAt(size));
    return tall <= height && lines.every((line) => doc.widthOfString(line) <= width);
  });
}

function writeLines(doc: PDFKit.PDFDocument, lines: string[], size: number, x: number, y: number): void {
  doc.fontSize(size);
  const step = doc.currentLineHeight(true) + lineGapAt(size);
  lines.forEach((line, i) => doc.text(line, x, y + i * step, { lineBreak: false }));
}

function drawAddressWindow(doc: PDFKit.PDFDocument, piece: PrintPiece): void {
  const { x, y, width, height } = BIRTHDAY_CARD.addressWindow;
  const inset = 4 * MM;
  const inner = width - 2 * inset;
  const { sender, recipient } = piece;
  const returnLine = [sender.name, ...sender.address.lines, `${sender.address.postcode} ${sender.address.city}`].join(' · ');
  const returnSize = fittingSize(doc, [returnLine], RETURN_SIZES, inner, 9);
  if (returnSize === undefined) throw new UnprintablePieceError(`the sender's return address does not fit one line of the envelope window at ${RETURN_SIZES.at(-1)} pt`);
  doc.fillColor(MUTED);
  writeLines(doc, [returnLine], returnSize, x + inset, y + inset);
  doc.moveTo(x + inset, y + inset + 9).lineTo(x + width - inset, y + inset + 9).lineWidth(0.4).stroke(MUTED);
  const lines = recipientLines(recipient.name, recipient.address, sender.address.country);
  const top = y + inset + 14;
  const size = fittingSize(doc, lines, ADDRESS_SIZES, inner, y + height - inset - top);
  if (size === undefined) {
    throw new UnprintablePieceError(`the recipient address (${lines.length} lines) does not fit the envelope window at ${ADDRESS_SIZES.at(-1)} pt`);
  }
  doc.fillColor(INK);
  writeLines(doc, lines, size, x + inset, top);
}

/** Chinese addresses run from large to small (postcode, city, street, name); most others the reverse. */
export function recipientLines(name: string, address: PostalAddress, homeCountry: string): string[] {
  const abroad = address.country !== homeCountry ? [new Intl.DisplayNames(['en'], { type: 'region' }).of(address.country)?.toUpperCase() ?? address.country] : [];
  if (address.country === 'CN') return [address.postcode, `${address.city}${address.lines.join('')}`, `${name} 收`, ...abroad];
  const cityFirst = ['US', 'GB', 'AU', 'CA', 'NZ', 'IE'].includes(address.country);
  const town = cityFirst ? `${address.city} ${address.postcode}` : `${address.postcode} ${address.city}`;
  return [name, ...address.lines, town, ...abroad];
}

function drawGreeting(doc: PDFKit.PDFDocument, piece: PrintPiece): void {
  const box = BIRTHDAY_CARD.text;
  // A headline a little too long reads better a size smaller on one line than broken before its last word.
  const headlineSize = (scale: number) =>
    [20, 19, 18, 17, 16].map((size) => size * scale).find((size) => doc.fontSize(size).widthOfString(piece.headline) <= box.width) ?? 20 * scale;
  const heightAt = (scale: number) =>
    doc.fontSize(headlineSize(scale)).heightOfString(piece.headline, { width: box.width }) +
    8 * scale +
    doc.fontSize(11 * scale).heightOfString(piece.body, { width: box.width, lineGap: 3 * scale }) +
    10 * scale +
    doc.fontSize(11 * scale).heightOfString(piece.signoff, { width: box.width });
  // Long greetings shrink rather than run into the border; one that does not fit at 65 % fails the
  // piece: a greeting cut off mid-sentence is not one to mail.
  const scale = [1, 0.92, 0.85, 0.78, 0.71, 0.65].find((s) => heightAt(s) <= box.height);
  if (scale === undefined) throw new UnprintablePieceError('the greeting does not fit the card even at 65 % of its size');
  let y = box.y;
  const write = (text: string, size: number, colour: string, extra: PDFKit.Mixins.TextOptions = {}) => {
    doc.fillColor(colour).fontSize(size).text(text, box.x, y, { width: box.width, ...extra });
    y = doc.y;
  };
  write(piece.headline, headlineSize(scale), ACCENT);
  y += 8 * scale;
  write(piece.body, 11 * scale, INK, { lineGap: 3 * scale });
  y += 10 * scale;
  write(piece.signoff, 11 * scale, ACCENT);
}

function drawBunting(doc: PDFKit.PDFDocument, panel: Box): void {
  const left = panel.x + 6 * MM;
  const right = panel.x + panel.width - 6 * MM;
  const top = panel.y + 8 * MM;
  const sag = 7 * MM;
  const along = (t: number) => ({ x: left + (right - left) * t, y: top + sag * 4 * t * (1 - t) });
  doc.moveTo(left, top).quadraticCurveTo((left + right) / 2, top + 2 * sag, right, top).lineWidth(0.6).stroke(MUTED);
  const flags = 9;
  for (let i = 0; i < flags; i++) {
    const a = along((i + 0.15) / flags);
    const b = along((i + 0.85) / flags);
    const tip = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 + 5.5 * MM };
    doc.polygon([a.x, a.y], [b.x, b.y], [tip.x, tip.y]).fill(CANDLE_COLOURS[i % CANDLE_COLOURS.length]!);
  }
}

/** Half an ellipse from its left to its right end through the front (lower) side, as two Béziers. */
function frontHalf(doc: PDFKit.PDFDocument, cx: number, cy: number, rx: number, ry: number, start = true): void {
  const k = 0.5523;
  if (start) doc.moveTo(cx - rx, cy);
  else doc.lineTo(cx - rx, cy);
  doc.bezierCurveTo(cx - rx, cy + k * ry, cx - k * rx, cy + ry, cx, cy + ry);
  doc.bezierCurveTo(cx + k * rx, cy + ry, cx + rx, cy + k * ry, cx + rx, cy);
}

function drawCake(doc: PDFKit.PDFDocument, top: Ellipse, depth: number): void {
  const { cx, cy, rx, ry } = top;
  doc.ellipse(cx, cy + depth + 2 * MM, rx + 6 * MM, ry + 4 * MM).fill('#ffffff');
  doc.ellipse(cx, cy + depth + 2 * MM, rx + 6 * MM, ry + 4 * MM).lineWidth(0.6).stroke('#e4d6d6');
  frontHalf(doc, cx, cy + depth, rx, ry);
  doc.lineTo(cx + rx, cy).lineTo(cx - rx, cy).closePath().fill('#f3d2a8');
  // A cream filling line halfway down the side.
  frontHalf(doc, cx, cy + depth * 0.55, rx, ry);
  doc.lineWidth(2.2 * MM).stroke('#fff4e4');
  // Frosting runs over the rim in drips of varied length; fixed lengths keep every card identical.
  const drips = [5, 8, 4, 9, 6, 3, 8, 5, 7, 4, 9, 5, 6];
  doc.moveTo(cx - rx, cy);
  drips.forEach((len, i) => {
    const a0 = Math.PI - (i / drips.length) * Math.PI;
    const a1 = Math.PI - ((i + 1) / drips.length) * Math.PI;
    const x0 = cx + rx * Math.cos(a0);
    const x1 = cx + rx * Math.cos(a1);
    const y0 = cy + ry * Math.sin(a0);
    const y1 = cy + ry * Math.sin(a1);
    const drop = len * MM * 0.55;
    doc.bezierCurveTo(x0, y0 + drop * 1.4, x1, y1 + drop * 1.4, x1, y1);
  });
  doc.lineTo(cx - rx, cy).closePath().fill('#f7b6c8');
  doc.ellipse(cx, cy, rx, ry).fill('#fbd0dc');
  const sprinkles = [[-0.7, 0.55], [-0.45, 0.8], [-0.1, 0.62], [0.2, 0.85], [0.5, 0.6], [0.72, 0.78], [-0.28, 0.95], [0.38, 0.98]] as const;
  sprinkles.forEach(([fx, fy], i) => {
    const sx = cx + fx * rx;
    const sy = cy + ry * Math.sqrt(1 - fx * fx) * 0.3 + depth * fy;
    doc.save().rotate(35 + i * 47, { origin: [sx, sy] });
    doc.roundedRect(sx - 2.2, sy - 0.7, 4.4, 1.4, 0.7).fill(CANDLE_COLOURS[i % CANDLE_COLOURS.length]!);
    doc.restore();
  });
}

function drawCandle(doc: PDFKit.PDFDocument, slot: CandleSlot, colour: string): void {
  const { x, baseY, width: w, height: h } = slot;
  const waxTop = baseY - h * 0.66;
  const flameBottom = baseY - h * 0.72;
  const flameTop = baseY - h;
  doc.save();
  doc.roundedRect(x - w / 2, waxTop, w, baseY - waxTop, w * 0.18).clip();
  doc.rect(x - w / 2, waxTop, w, baseY - waxTop).fill(colour);
  // Diagonal stripes, clipped to the wax, read as a twisted birthday candle even when tiny.
  for (let sy = waxTop - w; sy < baseY + w; sy += w * 1.6) {
    doc.polygon([x - w / 2, sy + w], [x + w / 2, sy], [x + w / 2, sy + w * 0.45], [x - w / 2, sy + w * 1.45]).fill('#ffffff');
  }
  doc.restore();
  doc.moveTo(x, waxTop).lineTo(x, flameBottom + h * 0.02).lineWidth(Math.max(0.3, w * 0.1)).stroke('#4a3b35');
  const fw = w * 0.55;
  doc.moveTo(x, flameTop).bezierCurveTo(x + fw * 0.2, flameTop + (flameBottom - flameTop) * 0.35, x + fw, flameBottom - fw * 0.2, x, flameBottom);
  doc.bezierCurveTo(x - fw, flameBottom - fw * 0.2, x - fw * 0.2, flameTop + (flameBottom - flameTop) * 0.35, x, flameTop).fill('#f59b2a');
  const core = (flameBottom - flameTop) * 0.45;
  doc.ellipse(x, flameBottom - core * 0.7, fw * 0.38, core * 0.6).fill('#ffe27a');
}
