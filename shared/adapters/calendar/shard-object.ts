import * as z from 'zod';
import { TenantCalendar } from '../../ports/calendar-snapshots';

/**
 * The bytes of one shard object: a fixed-width line with the header's byte length, the header
 * (a JSON list of `[tenant id, start, length]`, offsets into the body), then the body (each
 * tenant's calendar as JSON, one after another). A reader reads the header, then only its
 * tenant's bytes (an S3 ranged GET), so a dealer's page does not download every dealer's calendar.
 */
const lengthDigits = 12;
/** The first line: the header's length in bytes, zero-padded, and a newline. */
export const prefixBytes = lengthDigits + 1;

const Header = z.array(z.tuple([z.string(), z.number().int().min(0), z.number().int().min(0)]));

/** The object holding these calendars, by tenant id. */
export function encodeShardObject(calendars: ReadonlyMap<string, TenantCalendar>): Uint8Array {
  const parts = [...calendars].map(([tenantId, calendar]) => [tenantId, Buffer.from(JSON.stringify(calendar))] as const);
  let start = 0;
  const entries = parts.map(([tenantId, bytes]) => {
    const entry = [tenantId, start, bytes.length] as const;
    start += bytes.length;
    return entry;
  });
  const header = Buffer.from(JSON.stringify(entries));
  return Buffer.concat([Buffer.from(`${String(header.length).padStart(lengthDigits, '0')}\n`), header, ...parts.map(([, bytes]) => bytes)]);
}

/** Reads `length` bytes from `start` of one object (fewer past its end). */
export type ReadBytes = (start: number, length: number) => Promise<Uint8Array>;

/** How much a reader asks for first: the prefix and, for up to about 1,500 tenants, the whole header. */
export const firstReadBytes = 64 * 1024;

/** Where each tenant's part lies in one shard object: what a reader reads first, and may keep while the object stays the same. */
export interface ShardHeader {
  /** By tenant id: the part's first byte in the object and its length. */
  parts: Map<string, { start: number; length: number }>;
  /** The bytes read with the header (the object's first bytes), when a part lies inside them. */
  first?: Buffer;
}

/** The header of one shard object (one read for up to about 1,500 tenants, two past that). */
export async function readShardHeader(read: ReadBytes): Promise<ShardHeader> {
  const first = Buffer.from(await read(0, firstReadBytes));
  const headerLength = Number(first.subarray(0, lengthDigits).toString('latin1'));
  if (!Number.isInteger(headerLength) || first[lengthDigits] !== 0x0a) throw new Error('calendar shard object: no header length line');
  const bodyStart = prefixBytes + headerLength;
  const headerBytes = bodyStart <= first.length ? first.subarray(prefixBytes, bodyStart) : Buffer.concat([first.subarray(prefixBytes), await read(first.length, bodyStart - first.length)]);
  const entries = Header.parse(JSON.parse(headerBytes.toString('utf8')));
  return { parts: new Map(entries.map(([tenantId, start, length]) => [tenantId, { start: bodyStart + start, length }])), first };
}

/**
 * The tenant's calendar in the shard object of this header, reading only the tenant's bytes
 * (none when the header's first read holds them); undefined when the object holds none for it.
 * The tenant id is matched whole: no other tenant's part is ever read.
 */
export async function readTenantPart(read: ReadBytes, header: ShardHeader, tenantId: string): Promise<TenantCalendar | undefined> {
  const part = header.parts.get(tenantId);
  if (!part) return undefined;
  const end = part.start + part.length;
  const bytes = header.first && end <= header.first.length ? header.first.subarray(part.start, end) : Buffer.from(await read(part.start, part.length));
  return TenantCalendar.parse(JSON.parse(bytes.toString('utf8')));
}

/** The tenant's calendar in one shard object: its header, then its part. */
export const readTenantCalendar = async (read: ReadBytes, tenantId: string): Promise<TenantCalendar | undefined> => readTenantPart(read, await readShardHeader(read), tenantId);
