import type { Font } from 'fontkit';
import type { PostalAddress } from '../../domain/customer';
import { UnprintablePieceError } from '../../domain/errors';
import type { PrintPiece } from '../../ports/print';

/**
 * Fails the piece when the embedded font has no glyph for a character (an emoji, a rare
 * ideograph): pdfkit would print an empty box. The reason names the field and code points only.
 */
export function assertGlyphs(font: Font, piece: PrintPiece): void {
  const fields: [string, string][] = [
    ['headline', piece.headline],
    ['body', piece.body],
    ['signoff', piece.signoff],
    ['items', (piece.items ?? []).join(' ')],
    ['invitation', piece.invitation ?? ''],
    ['recipient name', piece.recipient.name],
    ['recipient address', addressText(piece.recipient.address)],
    ['sender name', piece.sender.name],
    ['sender address', addressText(piece.sender.address)],
  ];
  const missing = fields.flatMap(([field, text]) => {
    const codePoints = [...new Set([...text].map((c) => c.codePointAt(0)!))].filter((cp) => cp > 0x1f && !font.hasGlyphForCodePoint(cp));
    return codePoints.length > 0 ? [`${field}: ${codePoints.slice(0, 5).map((cp) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`).join(' ')}`] : [];
  });
  if (missing.length > 0) throw new UnprintablePieceError(`the print font has no glyph for characters in the ${missing.join('; ')}`);
}

const addressText = (address: PostalAddress) => [...address.lines, address.postcode, address.city].join(' ');
