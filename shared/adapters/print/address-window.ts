import type { PostalAddress } from '../../domain/customer';
import { UnprintablePieceError } from '../../domain/errors';
import type { PrintPiece } from '../../ports/print';
import { INK, MM, MUTED, type Box } from './geometry';

// Smaller than 8 pt an address is hard to read, for a postman and for a sorting machine alike.
const ADDRESS_SIZES = [10, 9.5, 9, 8.5, 8];
const RETURN_SIZES = [6.5, 6, 5.5, 5];
const lineGapAt = (size: number) => size * 0.1;

/**
 * The largest size at which every line fits the width on one line and all lines fit the height,
 * or undefined. Address lines are never wrapped or cut: a wrapped line reads as two to a sorting
 * machine, and a cut one loses the postcode.
 */
export function fittingSize(doc: PDFKit.PDFDocument, lines: string[], sizes: number[], width: number, height: number): number | undefined {
  return sizes.find((size) => {
    doc.fontSize(size);
    const tall = lines.length * (doc.currentLineHeight(true) + lineGapAt(size));
    return tall <= height && lines.every((line) => doc.widthOfString(line) <= width);
  });
}

export function writeLines(doc: PDFKit.PDFDocument, lines: string[], size: number, x: number, y: number): void {
  doc.fontSize(size);
  const step = doc.currentLineHeight(true) + lineGapAt(size);
  lines.forEach((line, i) => doc.text(line, x, y + i * step, { lineBreak: false }));
}

/**
 * The envelope window: the sender's return address on one small line, a rule, and the recipient's
 * address below, each set as large as fits and never wrapped or cut.
 */
export function drawAddressWindow(doc: PDFKit.PDFDocument, piece: PrintPiece, window: Box): void {
  const { x, y, width, height } = window;
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
