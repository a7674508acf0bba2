/**
 * The 'birthday-candles' card: A5 landscape, the greeting on the left under the envelope window,
 * a cake on the right with one candle for each year of the age the customer turns.
 */
import { UnprintablePieceError } from '../../../domain/errors';
import type { PrintPiece } from '../../../ports/print';
import { drawAddressWindow } from '../address-window';
import { INK, MM, MUTED, type Box } from '../geometry';
import { layoutCandles, type CandleSlot, type Ellipse } from './candle-layout';
import type { PrintLayout } from './print-layout';

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

const ACCENT = '#b0414f';
const CANDLE_COLOURS = ['#f28b82', '#7fc8a9', '#8ab4f8', '#f6c453', '#c39bd3'];

function drawBirthdayCard(doc: PDFKit.PDFDocument, piece: PrintPiece): void {
  const card = BIRTHDAY_CARD;
  doc.roundedRect(5 * MM, 5 * MM, card.page.width - 10 * MM, card.page.height - 10 * MM, 4 * MM).lineWidth(0.6).stroke('#d9b77e');
  drawAddressWindow(doc, piece, card.addressWindow);
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

/** The card as the renderer lays it out. */
export const birthdayCandles: PrintLayout = { page: BIRTHDAY_CARD.page, draw: drawBirthdayCard };
