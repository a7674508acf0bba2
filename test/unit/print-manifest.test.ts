import { describe, expect, it } from 'vitest';
import { batchOrder, csvField, lastEndedDay, manifestCsv, manifestHeader, type PrintableStagedPiece } from '../../shared/domain/print-batch';
import { missingAddressParts } from '../../shared/domain/print-address';
import { parseCsv } from '../helpers/csv';

const staged = (pieceId: string, name: string, lines: string[]): PrintableStagedPiece => ({
  status: 'printable',
  pieceId,
  sendDate: '2026-03-14',
  send: { customerId: 'c-1', journeyId: 'birthday', occurrenceKey: '2026/card', messageId: 'card' },
  template: 'birthday-card',
  sender: { kind: 'dealer', id: 'dealer-sh' },
  piece: {
    design: 'birthday-candles',
    locale: 'en',
    age: 40,
    headline: 'h',
    body: 'b',
    signoff: 's',
    recipient: { name, address: { lines, postcode: '200122', city: '上海市', country: 'CN' } },
    sender: { name: 'Dealer', address: { lines: ['1 Road'], postcode: '200120', city: 'Shanghai', country: 'CN' } },
  },
});

describe('the print manifest', () => {
  it('quotes commas, quotes, line breaks and edge spaces, and leaves Chinese text as it is', () => {
    expect(csvField('Flat 2, 1 High Street')).toBe('"Flat 2, 1 High Street"');
    expect(csvField('The "Mews"')).toBe('"The ""Mews"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField(' 12')).toBe('" 12"');
    expect(csvField('世纪大道100号，2楼')).toBe('世纪大道100号，2楼');
    expect(csvField('王伟 先生')).toBe('王伟 先生');
  });

  it('has a row per piece, the pieces page after page, read back field for field by an RFC 4180 reader', () => {
    const pieces = [
      { piece: staged('2026-03-14/birthday/a-card', 'Ann, Lee', ['Flat 2, "The Mews"']), pages: 1 },
      { piece: staged('2026-03-14/birthday/b-card', '王伟 先生', ['世纪大道100号', '2楼', '3', '4']), pages: 2 },
      { piece: staged('2026-03-14/birthday/c-card', 'Bo', ['x']), pages: 1 },
    ];

    const csv = manifestCsv(pieces);

    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(csv.slice(1).trimEnd());
    expect(header).toEqual(manifestHeader);
    expect(rows.map((row) => [row[0], row[2], row[3], row[4], row[5]])).toEqual([
      ['1', '1', '1', 'Ann, Lee', 'Flat 2, "The Mews"'],
      ['2', '2', '2', '王伟 先生', '世纪大道100号'],
      ['3', '4', '1', 'Bo', 'x'],
    ]);
    expect(rows.every((row) => row.length === manifestHeader.length)).toBe(true);
  });

  it('orders pieces by id by code unit, whatever order they were found in', () => {
    const ids = ['2026-03-14/welcome-pack/a-letter', '2026-03-14/birthday/Z-card', '2026-03-14/birthday/a-card'];

    expect(batchOrder(ids.map((pieceId) => ({ pieceId }))).map((piece) => piece.pieceId)).toEqual([
      '2026-03-14/birthday/Z-card',
      '2026-03-14/birthday/a-card',
      '2026-03-14/welcome-pack/a-letter',
    ]);
  });
});

describe('a complete postal address', () => {
  const address = { lines: ['1 High Street'], postcode: 'SW1A 1AA', city: 'London', country: 'GB' };

  it.each([
    [undefined, ['address']],
    [address, []],
    [{ ...address, lines: ['  '] }, ['street']],
    [{ ...address, postcode: ' ' }, ['postcode']],
    [{ ...address, city: '', postcode: '' }, ['postcode', 'city']],
    [{ ...address, country: 'gb' }, ['country']],
  ])('%j lacks %j', (given, missing) => {
    expect(missingAddressParts(given)).toEqual(missing);
  });
});

describe('the day a scheduled close closes', () => {
  it.each([
    ['2026-03-15T12:30:00Z', '2026-03-14'],
    // 14 March still lasts at UTC-12 until 12:00 UTC on the 15th.
    ['2026-03-15T11:59:00Z', '2026-03-13'],
    ['2026-03-15T12:00:00Z', '2026-03-14'],
    ['2026-01-01T12:30:00Z', '2025-12-31'],
  ])('at %s is %s', (now, day) => {
    expect(lastEndedDay(new Date(now))).toBe(day);
  });
});
