import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { packRecord, unpackRecord } from '../../../shared/adapters/dynamodb/due-entry-record';
import type { CustomerRecord } from '../../../shared/domain/customer';

// Whatever a record holds, as JSON: the packing must give back exactly what it was given.
const jsonObject = fc.dictionary(fc.string(), fc.jsonValue());
const anyRecord = fc.record({ customer: jsonObject, vehicles: fc.array(jsonObject), visits: fc.array(jsonObject), complaints: fc.array(jsonObject) });

describe('a due entry\'s packed record', () => {
  it('unpacks to the record it was packed from (property)', () => {
    fc.assert(
      fc.property(anyRecord, (record) => {
        expect(unpackRecord(packRecord(record as unknown as CustomerRecord))).toEqual(JSON.parse(JSON.stringify(record)));
      }),
    );
  });

  it('refuses bytes that are not a packing it knows', () => {
    expect(() => unpackRecord(Buffer.of(2, 0, 0).toString('base64'))).toThrow('unknown record packing 2');
  });
});
