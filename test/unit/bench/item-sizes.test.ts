import { describe, expect, it } from 'vitest';
import { dynamoItemBytes, itemKind } from '../../../bench/item-bytes';
import { itemOverheadBytes, sizeItems } from '../../../bench/item-sizes';

describe('item sizes as DynamoDB bills storage', () => {
  it('counts attribute names and values by the documented rules', () => {
    // Names and strings in UTF-8 bytes.
    expect(dynamoItemBytes({ a: { S: 'abc' } })).toBe(1 + 3);
    expect(dynamoItemBytes({ city: { S: '上海' } })).toBe(4 + 6);
    // Numbers: about one byte per two significant digits, plus one.
    expect(dynamoItemBytes({ n: { N: '12345' } })).toBe(1 + 4);
    expect(dynamoItemBytes({ n: { N: '-0.5' } })).toBe(1 + 2);
    // Booleans and nulls: one byte.
    expect(dynamoItemBytes({ b: { BOOL: true }, z: { NULL: true } })).toBe(2 + 2);
    // Maps and lists: 3 bytes, and one per element on top of the element (and its name).
    expect(dynamoItemBytes({ m: { M: { a: { S: 'x' } } } })).toBe(1 + 3 + 1 + 1 + 1);
    expect(dynamoItemBytes({ l: { L: [{ S: 'x' }, { S: 'y' }] } })).toBe(1 + 3 + 2 + 2);
    expect(dynamoItemBytes({ s: { SS: ['ab', 'c'] } })).toBe(1 + 3);
  });

  it('names each kind of item of the table from its keys', () => {
    const kinds = [
      ['CUST#c1', 'PROFILE', 'profile'],
      ['CUST#c1', 'PROFILE#VEH#WBA1', 'vehicle'],
      ['CUST#c1', 'PROFILE#VISIT#2026-01-02#000', 'visit'],
      ['CUST#c1', 'PROFILE#CMPL#R1', 'complaint'],
      ['CUST#c1', 'PROFILE#SUPP#email#all#bounce', 'suppression'],
      ['CUST#c1', 'DUE', 'due entry'],
      ['CUST#c1', 'OCC#birthday#2026', 'occurrence'],
      ['CUST#c1', 'SEND#birthday#2026#email', 'send'],
      ['CUST#c1', 'TASK#call#VIN#call', 'task'],
      ['CUST#c1', 'HELD#birthday#2026#sms', 'held message'],
      ['CUST#c1', 'CONTACTS', 'contact history'],
      ['CUST#c1', 'EVENTS', 'customer, other'],
      ['DEALER#d1', 'PROFILE', 'dealer'],
      ['BRAND#b1', 'PROFILE', 'brand'],
      ['COUNTS#d1#2026-03', '2026-03-14#birthday#email#email#sent', 'outcome counter'],
      ['RUNS#2026-03-14', '2026-03-14T00:00:00Z#evaluate#r1', 'run record'],
      ['META', 'PAUSE#email#promotional', 'other'],
    ] as const;
    for (const [PK, SK, kind] of kinds) expect(itemKind({ PK, SK })).toBe(kind);
  });

  it('sums each kind on the table and, for items carrying a GSI1 key, again on the index, with the overhead per item', () => {
    const sizes = sizeItems([
      { PK: 'CUST#c1', SK: 'DUE', GSI1PK: 'DUE#2026-03-14#0', GSI1SK: 'CUST#c1' },
      { PK: 'CUST#c1', SK: 'PROFILE#VEH#V' },
      { PK: 'CUST#c2', SK: 'PROFILE#VEH#W' },
    ]);
    const due = 2 + 7 + 2 + 3 + 6 + 16 + 6 + 7;
    expect(sizes['due entry']).toEqual({ items: 1, tableBytes: due + itemOverheadBytes, indexBytes: due + itemOverheadBytes });
    expect(sizes.vehicle).toEqual({ items: 2, tableBytes: 2 * (2 + 7 + 2 + 13 + itemOverheadBytes), indexBytes: 0 });
  });
});
