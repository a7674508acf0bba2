import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inspectPdf as inspect } from '../helpers/inspect-pdf';
import { createPdfPrintRenderer } from '../../shared/adapters/print/pdf-print-renderer';
import { recipientLines } from '../../shared/adapters/print/address-window';
import type { Box } from '../../shared/adapters/print/geometry';
import { BIRTHDAY_CARD } from '../../shared/adapters/print/designs/birthday-candles';
import { candleArea, candleBox, layoutCandles, type Ellipse } from '../../shared/adapters/print/designs/candle-layout';
import type { PrintPiece } from '../../shared/ports/print';
import { UnprintablePieceError } from '../../shared/domain/errors';

const FONT = fileURLToPath(new URL('../../journeys/assets/fonts/NotoSansSC-Regular.ttf', import.meta.url));
const renderer = createPdfPrintRenderer(FONT, { now: () => new Date('2026-03-14T00:00:00Z') });

function aPrintPiece(overrides: Partial<PrintPiece> = {}): PrintPiece {
  return {
    design: 'birthday-candles',
    locale: 'en',
    age: 46,
    headline: 'Happy birthday, Ann!',
    body: 'Everyone at Pudong Premium Motors wishes you a wonderful day and a year full of good roads.',
    signoff: 'Your team at Pudong Premium Motors',
    recipient: { name: 'Ms Ann Lee', address: { lines: ['1 High Street'], postcode: 'SW1A 1AA', city: 'London', country: 'GB' } },
    sender: { name: 'Pudong Premium Motors', address: { lines: ['88 Century Avenue'], postcode: '200120', city: 'Shanghai', country: 'CN' } },
    ...overrides,
  };
}

function aChinesePiece(overrides: Partial<PrintPiece> = {}): PrintPiece {
  return aPrintPiece({
    locale: 'zh-CN',
    headline: '王伟先生，祝您生日快乐！',
    body: '在这个特别的日子里，浦东尊享汽车全体同仁祝您身体健康、万事如意。',
    signoff: '浦东尊享汽车 敬上',
    recipient: { name: '王伟先生', address: { lines: ['世纪大道100号'], postcode: '200122', city: '上海市', country: 'CN' } },
    ...overrides,
  });
}

describe('birthday-candles print card', () => {
  const ages = [1, 46, 99, 120];
  const locales = [
    ['en', aPrintPiece],
    ['zh-CN', aChinesePiece],
  ] as const;

  for (const [locale, piece] of locales) {
    it.each(ages)(`draws exactly one candle per year at age %i (${locale})`, async (age) => {
      const pdf = await renderer.renderPrintPiece(piece({ age }));

      const { candles, drawnCandles, pages } = await inspect(pdf);

      // Tags alone prove nothing: each tagged candle must paint something with an area.
      expect(drawnCandles).toBe(age);
      expect(candles).toBe(age);
      expect(pages).toBe(1);
    });
  }

  it('draws the cake without candles when the age is unknown', async () => {
    const pdf = await renderer.renderPrintPiece(aPrintPiece({ age: null }));

    const { candles, pages } = await inspect(pdf);

    expect(candles).toBe(0);
    expect(pages).toBe(1);
  });

  it('sets a Chinese card in the embedded Noto Sans SC font, and in no other', async () => {
    const piece = aChinesePiece();

    const { fontNames, text } = await inspect(await renderer.renderPrintPiece(piece));

    expect(fontNames.length).toBeGreaterThan(0);
    for (const name of fontNames) expect(name).toMatch(/^[A-Z]{6}\+NotoSansSC-Regular$/);
    expect(text).toContain(piece.headline);
    expect(text).toContain('200122');
  });

  it('fits a long greeting on the single page by setting it smaller, cutting nothing', async () => {
    const body = 'Thank you for driving with us. '.repeat(14).trim();
    const piece = aPrintPiece({ body, age: 120 });

    const { pages, candles, text } = await inspect(await renderer.renderPrintPiece(piece));

    expect(pages).toBe(1);
    expect(candles).toBe(120);
    // Lines are extracted without the space they broke at: compare without whitespace.
    expect(text.replace(/\s+/g, '')).toContain(body.replace(/\s+/g, ''));
    expect(text).not.toContain('…');
  });

  it('fails the piece instead of cutting a greeting that does not fit even set smaller', async () => {
    const piece = aPrintPiece({ body: 'Thank you for driving with us. '.repeat(80) });

    await expect(renderer.renderPrintPiece(piece)).rejects.toThrow(UnprintablePieceError);
  });

  it('gives byte-identical files for the same piece and clock', async () => {
    const piece = aChinesePiece({ age: 33 });

    const first = await renderer.renderPrintPiece(piece);
    const second = await renderer.renderPrintPiece(piece);

    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it('fails the piece with a reason, not a retry, when the candles cannot be laid out (a birth date in the future)', async () => {
    const rendering = renderer.renderPrintPiece(aPrintPiece({ age: -5 }));

    await expect(rendering).rejects.toBeInstanceOf(UnprintablePieceError);
    await expect(rendering).rejects.toThrow('the candles for this age do not fit on the cake');
  });

  it('fails the render when the font file is missing', async () => {
    const broken = createPdfPrintRenderer(fileURLToPath(new URL('does-not-exist.ttf', import.meta.url)));

    await expect(broken.renderPrintPiece(aPrintPiece())).rejects.toThrow(/ENOENT/);
  });
});

const EPSILON = 1e-9;
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - EPSILON &&
  inner.y >= outer.y - EPSILON &&
  inner.x + inner.width <= outer.x + outer.width + EPSILON &&
  inner.y + inner.height <= outer.y + outer.height + EPSILON;
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width - EPSILON && b.x < a.x + a.width - EPSILON && a.y < b.y + b.height - EPSILON && b.y < a.y + a.height - EPSILON;

/** Why a layout is wrong, or undefined when it is sound; plain checks keep 150² comparisons fast. */
function layoutFault(age: number, top: Ellipse, maxHeight: number): string | undefined {
  const slots = layoutCandles(age, top, maxHeight);
  const boxes = slots.map(candleBox);
  const area = candleArea(top, maxHeight);
  if (slots.length !== age) return `${slots.length} candles for age ${age}`;
  const outside = boxes.findIndex((box) => !inside(box, area));
  if (outside >= 0) return `candle ${outside} leaves the reserved area`;
  const offCake = slots.findIndex((slot) => {
    const dy = (slot.baseY - top.cy) / top.ry;
    return [slot.x - slot.width / 2, slot.x + slot.width / 2].some((edge) => ((edge - top.cx) / top.rx) ** 2 + dy * dy > 1);
  });
  if (offCake >= 0) return `candle ${offCake} stands off the frosting`;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) if (overlap(boxes[i]!, boxes[j]!)) return `candles ${i} and ${j} overlap`;
  }
  return undefined;
}

describe('candle layout', () => {
  it('keeps every candle on the card cake and clear of the others, for every age 0 to 150', () => {
    const ages = Array.from({ length: 151 }, (_, age) => age);

    const faults = ages.map((age) => layoutFault(age, BIRTHDAY_CARD.cakeTop, BIRTHDAY_CARD.maxCandleHeight)).filter(Boolean);

    expect(faults).toEqual([]);
  });

  it('keeps every candle on any cake top and clear of the others (property)', () => {
    const cakeTop = fc
      .record({ rx: fc.double({ min: 20, max: 300, noNaN: true }), squash: fc.double({ min: 0.15, max: 1, noNaN: true }) })
      .map(({ rx, squash }) => ({ cx: 200, cy: 300, rx, ry: rx * squash }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 150 }), cakeTop, fc.double({ min: 10, max: 120, noNaN: true }), (age, top, maxHeight) => {
        expect(layoutFault(age, top, maxHeight)).toBeUndefined();
      }),
    );
  });

  it('reserves the candle area clear of the greeting and the address window', () => {
    const area = candleArea(BIRTHDAY_CARD.cakeTop, BIRTHDAY_CARD.maxCandleHeight);

    expect(inside(area, BIRTHDAY_CARD.panel)).toBe(true);
    expect(overlap(area, BIRTHDAY_CARD.text)).toBe(false);
    expect(overlap(area, BIRTHDAY_CARD.addressWindow)).toBe(false);
  });

  it('gives a lone candle its full height', () => {
    const [candle] = layoutCandles(1, BIRTHDAY_CARD.cakeTop, BIRTHDAY_CARD.maxCandleHeight);

    expect(candle?.height).toBeCloseTo(BIRTHDAY_CARD.maxCandleHeight);
    expect(candle?.x).toBeCloseTo(BIRTHDAY_CARD.cakeTop.cx);
  });

  it('rejects a negative or fractional number of candles', () => {
    expect(() => layoutCandles(-1, BIRTHDAY_CARD.cakeTop, 50)).toThrow(RangeError);
    expect(() => layoutCandles(2.5, BIRTHDAY_CARD.cakeTop, 50)).toThrow(RangeError);
  });
});

const longAddress = {
  lines: ['Flat 12, Riverside Court', '145 Kensington Church Street', 'Notting Hill Gate', 'Royal Borough of Kensington'],
  postcode: 'W8 4LH',
  city: 'London',
  country: 'GB',
};

describe('address window', () => {
  it('prints a 4-line address abroad whole, every line complete and inside the envelope window', async () => {
    const piece = aPrintPiece({ recipient: { name: 'Dr Alexandra Montgomery-Smythe', address: longAddress } });
    const expected = recipientLines(piece.recipient.name, longAddress, piece.sender.address.country);

    const { placedText, text } = await inspect(await renderer.renderPrintPiece(piece));

    expect(expected).toHaveLength(7);
    const window = BIRTHDAY_CARD.addressWindow;
    for (const line of expected) {
      const run = placedText.find((placed) => placed.str === line);
      expect(run, line).toBeDefined();
      expect(run!.x).toBeGreaterThanOrEqual(window.x);
      expect(run!.x + run!.width).toBeLessThanOrEqual(window.x + window.width);
      expect(run!.y - run!.size).toBeGreaterThanOrEqual(window.y);
      expect(run!.y).toBeLessThanOrEqual(window.y + window.height);
    }
    expect(text).not.toContain('…');
  });

  it('fails the piece, naming the problem and not the address, when the address cannot fit the window', async () => {
    const tooLong = { ...longAddress, lines: [...longAddress.lines.slice(0, 3), 'Royal Borough of Kensington and Chelsea, Greater London, England'] };
    const piece = aPrintPiece({ recipient: { name: 'Dr Alexandra Montgomery-Smythe', address: tooLong } });

    const rendering = renderer.renderPrintPiece(piece);

    await expect(rendering).rejects.toBeInstanceOf(UnprintablePieceError);
    await expect(rendering).rejects.toThrow(/recipient address .* does not fit the envelope window/);
    await expect(rendering).rejects.not.toThrow(/Kensington|Montgomery/);
  });

  it('fails the piece when the print font lacks a character, naming field and code point, not the text', async () => {
    const rendering = renderer.renderPrintPiece(aPrintPiece({ headline: 'Happy birthday, Ann 🎂' }));

    await expect(rendering).rejects.toBeInstanceOf(UnprintablePieceError);
    await expect(rendering).rejects.toThrow(/headline: U\+1F382/);
    await expect(rendering).rejects.not.toThrow(/Ann/);
  });

  it('fails the piece when the recipient name holds an emoji, without printing an empty box', async () => {
    const rendering = renderer.renderPrintPiece(aPrintPiece({ recipient: { name: 'Ms Ann Lee 🌸', address: longAddress } }));

    await expect(rendering).rejects.toThrow(/recipient name: U\+1F338/);
  });
});

describe('recipient address block', () => {
  it('writes a Chinese address from postcode down to the name', () => {
    const lines = recipientLines('王伟先生', { lines: ['世纪大道100号'], postcode: '200122', city: '上海市', country: 'CN' }, 'CN');

    expect(lines).toEqual(['200122', '上海市世纪大道100号', '王伟先生 收']);
  });

  it('adds the destination country in capitals when the card goes abroad', () => {
    const lines = recipientLines('Ms Ann Lee', { lines: ['1 High Street'], postcode: 'SW1A 1AA', city: 'London', country: 'GB' }, 'CN');

    expect(lines).toEqual(['Ms Ann Lee', '1 High Street', 'London SW1A 1AA', 'UNITED KINGDOM']);
  });
});
