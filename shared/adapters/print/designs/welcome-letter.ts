/**
 * The 'welcome-letter' design: an A4 letter from the sender (a brand's customer centre), folded
 * into a DL window envelope. The customer's name and address show in the window, the sender's
 * return address above them; the letter lists the pack's contents chosen for this customer, one
 * marked `PackItem` each, and ends with the invitation to the owner programme in a panel.
 */
import { UnprintablePieceError } from '../../../domain/errors';
import type { PrintPiece } from '../../../ports/print';
import { drawAddressWindow } from '../address-window';
import { INK, MM, MUTED, type Box } from '../geometry';
import type { PrintLayout } from './print-layout';

/**
 * Geometry of the letter: A4 portrait; the address field of DIN 5008 form B (85 × 45 mm, 20 mm
 * from the left, 45 mm from the top), which a DL window envelope shows when the sheet is folded in
 * three. Check it against the print house's envelope before a campaign.
 */
export const WELCOME_LETTER = (() => {
  const page = { width: 210 * MM, height: 297 * MM };
  const addressWindow: Box = { x: 20 * MM, y: 45 * MM, width: 85 * MM, height: 45 * MM };
  const letterhead: Box = { x: 125 * MM, y: 20 * MM, width: 65 * MM, height: 60 * MM };
  const text: Box = { x: 25 * MM, y: 105 * MM, width: 160 * MM, height: page.height - 105 * MM - 20 * MM };
  return { page, addressWindow, letterhead, text };
})();

const ACCENT = '#1c4e80';
const PANEL = '#eef3f8';

/** The sender's name and address at the top right, for the customer reading the letter. */
function drawLetterhead(doc: PDFKit.PDFDocument, piece: PrintPiece): void {
  const { x, y, width } = WELCOME_LETTER.letterhead;
  const { sender } = piece;
  doc.fillColor(ACCENT).fontSize(12).text(sender.name, x, y, { width });
  doc.fillColor(MUTED).fontSize(8.5);
  doc.text([...sender.address.lines, `${sender.address.postcode} ${sender.address.city}`].join('\n'), x, doc.y + 2, { width, lineGap: 1 });
}

interface Blocks {
  heights: (scale: number) => number;
  draw: (scale: number) => void;
}

function letterBlocks(doc: PDFKit.PDFDocument, piece: PrintPiece): Blocks {
  const box = WELCOME_LETTER.text;
  const items = piece.items ?? [];
  const bullet = 5 * MM;
  const panelPadding = 4 * MM;
  const sizes = (scale: number) => ({ headline: 15 * scale, text: 10.5 * scale, gap: 6 * scale, lineGap: 2.5 * scale });
  const heightOf = (text: string, size: number, width: number, lineGap: number) => doc.fontSize(size).heightOfString(text, { width, lineGap });
  const invitationHeight = (scale: number) => {
    const s = sizes(scale);
    return piece.invitation ? heightOf(piece.invitation, s.text, box.width - 2 * panelPadding, s.lineGap) + 2 * panelPadding : 0;
  };
  return {
    heights(scale) {
      const s = sizes(scale);
      return (
        heightOf(piece.headline, s.headline, box.width, 0) +
        s.gap +
        heightOf(piece.body, s.text, box.width, s.lineGap) +
        s.gap +
        items.reduce((sum, item) => sum + heightOf(item, s.text, box.width - bullet, s.lineGap) + s.lineGap, 0) +
        s.gap +
        invitationHeight(scale) +
        s.gap * 1.5 +
        heightOf(piece.signoff, s.text, box.width, s.lineGap)
      );
    },
    draw(scale) {
      const s = sizes(scale);
      let y = box.y;
      doc.fillColor(ACCENT).fontSize(s.headline).text(piece.headline, box.x, y, { width: box.width });
      y = doc.y + s.gap;
      doc.fillColor(INK).fontSize(s.text).text(piece.body, box.x, y, { width: box.width, lineGap: s.lineGap });
      y = doc.y + s.gap;
      for (const item of items) {
        // Tagged so a test (or a print house's preflight) can count what the customer will find listed.
        doc.markContent('PackItem');
        doc.circle(box.x + 1.5 * MM, y + s.text * 0.55, 0.9 * MM).fill(ACCENT);
        doc.fillColor(INK).fontSize(s.text).text(item, box.x + bullet, y, { width: box.width - bullet, lineGap: s.lineGap });
        doc.endMarkedContent();
        y = doc.y + s.lineGap;
      }
      y += s.gap;
      if (piece.invitation) {
        const height = invitationHeight(scale);
        doc.roundedRect(box.x, y, box.width, height, 2 * MM).fill(PANEL);
        doc.markContent('Invitation');
        doc.fillColor(ACCENT).fontSize(s.text).text(piece.invitation, box.x + panelPadding, y + panelPadding, { width: box.width - 2 * panelPadding, lineGap: s.lineGap });
        doc.endMarkedContent();
        y += height;
      }
      y += s.gap * 1.5;
      doc.fillColor(INK).fontSize(s.text).text(piece.signoff, box.x, y, { width: box.width, lineGap: s.lineGap });
    },
  };
}

function drawWelcomeLetter(doc: PDFKit.PDFDocument, piece: PrintPiece): void {
  drawLetterhead(doc, piece);
  drawAddressWindow(doc, piece, WELCOME_LETTER.addressWindow);
  // Fold marks in the margin (DIN 5008 form B: 105 mm and 210 mm), so the window lines up.
  for (const foldAt of [105 * MM, 210 * MM]) doc.moveTo(4 * MM, foldAt).lineTo(8 * MM, foldAt).lineWidth(0.3).stroke(MUTED);
  const blocks = letterBlocks(doc, piece);
  // A long list sets smaller rather than run off the page; one that does not fit at 70 % fails
  // the piece: a letter whose end is cut off is not one to mail.
  const scale = [1, 0.93, 0.86, 0.78, 0.7].find((s) => blocks.heights(s) <= WELCOME_LETTER.text.height);
  if (scale === undefined) throw new UnprintablePieceError('the letter does not fit the page even at 70 % of its size');
  blocks.draw(scale);
}

/** The letter as the renderer lays it out. */
export const welcomeLetter: PrintLayout = { page: WELCOME_LETTER.page, draw: drawWelcomeLetter };
