/**
 * An item's size as DynamoDB counts it (for storage, and for write units: ceil(size / 1 KB)),
 * and what kind of item of the engine table it is, from its keys (docs/data-model.md).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** The size of one attribute value as DynamoDB counts it (its documented rules; numbers approximated by their digits). */
function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return Math.ceil(value.N.replace(/^-|[.]|e.*$/gi, '').replace(/^0+/, '').length / 2) + 1;
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((total, entry) => total + Buffer.byteLength(entry), 0);
  if (value.NS !== undefined) return value.NS.reduce((total, entry) => total + valueBytes({ N: entry }), 0);
  if (value.BS !== undefined) return value.BS.reduce((total, entry) => total + entry.length, 0);
  // A list or a map: 3 bytes, and per element 1 byte plus the element (and, in a map, its name).
  if (value.L !== undefined) return 3 + value.L.reduce((total, entry) => total + 1 + valueBytes(entry), 0);
  if (value.M !== undefined) return 3 + Object.entries(value.M).reduce((total, [name, entry]) => total + 1 + Buffer.byteLength(name) + valueBytes(entry), 0);
  return 0;
}

/** An item's size as DynamoDB bills its storage (attribute names and values), without the per-item overhead. */
export function dynamoItemBytes(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((total, [name, value]) => total + Buffer.byteLength(name) + valueBytes(value), 0);
}

/** What an item is, from its keys (docs/data-model.md's table). */
export function itemKind(item: Record<string, unknown>): string {
  const pk = String(item.PK);
  const sk = String(item.SK);
  if (pk.startsWith('CUST#')) {
    const kinds: [string, string][] = [
      ['PROFILE#VEH#', 'vehicle'],
      ['PROFILE#VISIT#', 'visit'],
      ['PROFILE#CMPL#', 'complaint'],
      ['PROFILE#SUPP#', 'suppression'],
      ['PROFILE', 'profile'],
      ['DUE', 'due entry'],
      ['OCC#', 'occurrence'],
      ['SEND#', 'send'],
      ['TASK#', 'task'],
      ['HELD#', 'held message'],
      ['CONTACTS', 'contact history'],
    ];
    return kinds.find(([prefix]) => sk.startsWith(prefix))?.[1] ?? 'customer, other';
  }
  for (const [prefix, kind] of [['DEALER#', 'dealer'], ['BRAND#', 'brand'], ['COUNTS#', 'outcome counter'], ['RUNS#', 'run record']] as const) {
    if (pk.startsWith(prefix)) return kind;
  }
  return 'other';
}
