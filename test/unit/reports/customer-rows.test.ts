import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CustomerRowsEncoder, decodeCustomerRows, encodeCustomerRows } from '../../../shared/reports/customer-rows';
import { rowsByCustomer } from '../../../shared/reports/lookup-section';
import { simulatedPeriod } from '../../helpers/simulated-sends';

describe("the compact rows of the customers' lookup", () => {
  const sends = simulatedPeriod(200, '2026-01-01', 365);
  const grouped = rowsByCustomer(sends);
  const cellsOf = (send: (typeof sends)[number]) => [send.outcome, send.reason ?? ''];

  it("gives back each customer's rows, by date and time", () => {
    const encoded = encodeCustomerRows(grouped, cellsOf);

    encoded.customers.forEach((customerId, index) => {
      const expected = grouped
        .get(customerId)!
        .map((send) => ({ localDate: send.localDate, localTime: send.localTime, journeyId: send.journeyId, messageId: send.messageId, channel: send.channel, cells: cellsOf(send) }))
        .sort((a, b) => a.localDate.localeCompare(b.localDate) || a.localTime.localeCompare(b.localTime));
      expect(decodeCustomerRows(encoded, index)).toEqual(expected);
    });
  });

  it('writes each row in a few characters, every repeated value once', () => {
    const encoded = encodeCustomerRows(grouped, cellsOf);

    expect(encoded.width).toBeLessThanOrEqual(4);
    expect(encoded.rows.join('')).toHaveLength(sends.length * encoded.width);
    expect(encoded.steps).toHaveLength(new Set(sends.map((send) => `${send.journeyId} ${send.messageId}`)).size);
    expect(encoded.cells).toEqual(expect.arrayContaining([['sent', ''], ['skipped', 'no consent']]));
  });

  it("gives each customer the same rows when they come one by one in any order as when grouped by customer (random orders)", () => {
    const few = sends.slice(0, 600);
    const decodedByCustomer = (encoded: ReturnType<typeof encodeCustomerRows>) => new Map(encoded.customers.map((customerId, index) => [customerId, decodeCustomerRows(encoded, index)]));
    const grouped = decodedByCustomer(encodeCustomerRows(rowsByCustomer(few), cellsOf));

    fc.assert(
      fc.property(fc.shuffledSubarray([...few.keys()], { minLength: few.length }), (order) => {
        const encoder = new CustomerRowsEncoder(cellsOf);
        for (const index of order) encoder.add(few[index]!.customerId, few[index]!);

        // Rows of the same date and time stay in the order they came: compared without it.
        const byRow = (rows: ReturnType<typeof decodeCustomerRows>) => rows.map((row) => JSON.stringify(row)).sort();
        const streamed = decodedByCustomer(encoder.finish());
        expect(new Set(streamed.keys())).toEqual(new Set(grouped.keys()));
        for (const [customerId, rows] of grouped) {
          expect(streamed.get(customerId)!.map((row) => `${row.localDate} ${row.localTime}`)).toEqual(rows.map((row) => `${row.localDate} ${row.localTime}`));
          expect(byRow(streamed.get(customerId)!)).toEqual(byRow(rows));
        }
      }),
      { numRuns: 20 },
    );
  });
});
