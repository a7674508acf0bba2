/**
 * Meters the DynamoDB traffic the local dynalite server receives, from Node's own
 * `http.server.request.start` diagnostics channel: per operation, requests, items read and the
 * capacity units DynamoDB on-demand would bill, estimated from the bytes each request writes and
 * each response returns. The engine and its SDK clients are left as they are (the handlers do not
 * ask for ReturnConsumedCapacity), so units are estimated, not reported:
 *
 * - reads: per request, ceil(bytes returned / 4 KB) units, at least 1, halved unless
 *   `ConsistentRead`; BatchGetItem per item. A read that finds nothing still costs its minimum.
 * - writes: per item, ceil(bytes written / 1 KB) units, at least 1, plus the same again when the
 *   item carries a GSI1 key (the index is written too); a failed conditional write still costs
 *   its units on the table.
 *
 * Read sizes are of the JSON on the wire, a little above DynamoDB's own item size (type tags), so
 * that estimate errs high. A Put's size is the item's as DynamoDB counts it (`bench/item-bytes.ts`).
 * An update or a delete is billed on the item it changes (the larger of before and after) and on
 * GSI1 (a key moved: a delete and a put of the index item), none of which is on the wire: its units
 * here are its request's, and `updates` counts each by the kind of item and what it does to its
 * GSI1 key, so the cost model can price them from the measured item sizes.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { dynamoItemBytes, itemKind } from './item-bytes';

const channelName = 'http.server.request.start';
const readUnitBytes = 4096;
const writeUnitBytes = 1024;

export interface OperationTraffic {
  requests: number;
  itemsRead: number;
  readUnits: number;
  writeUnits: number;
  conditionalFailures: number;
  /** Updates and deletes by `<item kind> <GSI1 effect>` ({@link updateClass}): how many, and the units counted for them above. */
  updates?: Record<string, { count: number; meteredUnits: number }>;
}

/** What an update or delete does to the item's GSI1 entry: moves its key, removes it, deletes the item, or leaves the key as it is. */
export type IndexEffect = 'moves' | 'removes' | 'deletes' | 'keeps';

/** The class an update or delete request is counted under: the kind of item its key names and its GSI1 effect. */
export function updateClass(operation: 'UpdateItem' | 'DeleteItem', request: AttributeMap): { kind: string; effect: IndexEffect } {
  const key = (request.Key ?? {}) as Record<string, { S?: string }>;
  const kind = itemKind({ PK: key.PK?.S, SK: key.SK?.S });
  if (operation === 'DeleteItem') return { kind, effect: 'deletes' };
  const names = Object.entries((request.ExpressionAttributeNames ?? {}) as Record<string, string>)
    .filter(([, name]) => name === 'GSI1PK')
    .map(([placeholder]) => placeholder);
  const expression = String(request.UpdateExpression ?? '');
  // Clauses: SET a = b, c = d REMOVE e, f; the GSI1 key named in the one or the other.
  const clause = (action: string) => new RegExp(`\\b${action}\\b(.*?)(\\b(SET|REMOVE|ADD|DELETE)\\b|$)`, 'is').exec(expression)?.[1] ?? '';
  const touches = (text: string) => [...names, 'GSI1PK'].some((name) => text.split(/[\s,=]+/).includes(name));
  if (touches(clause('REMOVE'))) return { kind, effect: 'removes' };
  if (touches(clause('SET'))) return { kind, effect: 'moves' };
  return { kind, effect: 'keeps' };
}

export type Traffic = Map<string, OperationTraffic>;

export interface DynamoTrafficMeter {
  /** Everything since the last take, by operation (`GetItem`, `Query`, ...), then starts afresh. */
  take(): Traffic;
  stop(): void;
}

type AttributeMap = Record<string, unknown>;

const units = (bytes: number, unitBytes: number) => Math.max(1, Math.ceil(bytes / unitBytes));
const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value ?? {}));
/** A written item's size as DynamoDB counts it (the request carries it in attribute-value form). */
const itemBytes = (item: unknown) => dynamoItemBytes((item ?? {}) as Record<string, AttributeValue>);

function writeUnitsOf(item: AttributeMap | undefined, bytes: number): number {
  const base = units(bytes, writeUnitBytes);
  return item && 'GSI1PK' in item ? base * 2 : base;
}

/** What one request cost, from its body and the server's answer. */
function meter(operation: string, request: AttributeMap, response: AttributeMap, failed: boolean): OperationTraffic {
  const traffic: OperationTraffic = { requests: 1, itemsRead: 0, readUnits: 0, writeUnits: 0, conditionalFailures: 0 };
  const readFactor = request.ConsistentRead === true ? 1 : 0.5;
  switch (operation) {
    case 'GetItem':
      traffic.itemsRead = response.Item ? 1 : 0;
      traffic.readUnits = units(jsonBytes(response.Item), readUnitBytes) * readFactor;
      break;
    case 'Query':
    case 'Scan': {
      const items = (response.Items as unknown[] | undefined) ?? [];
      traffic.itemsRead = items.length;
      traffic.readUnits = units(jsonBytes(items), readUnitBytes) * readFactor;
      break;
    }
    case 'BatchGetItem': {
      const tables = Object.entries((request.RequestItems as Record<string, { ConsistentRead?: boolean }>) ?? {});
      const consistent = tables.every(([, table]) => table.ConsistentRead === true);
      const items = Object.values((response.Responses as Record<string, unknown[]>) ?? {}).flat();
      traffic.itemsRead = items.length;
      traffic.readUnits = items.reduce<number>((total, item) => total + units(jsonBytes(item), readUnitBytes) * (consistent ? 1 : 0.5), 0);
      break;
    }
    case 'PutItem':
      traffic.writeUnits = writeUnitsOf(request.Item as AttributeMap, itemBytes(request.Item));
      break;
    case 'UpdateItem':
    case 'DeleteItem': {
      // The updated item's size is not on the wire: count the key and the update, at least one
      // unit, and the request's class, which the cost model prices from the item sizes.
      traffic.writeUnits = units(jsonBytes(request), writeUnitBytes);
      const { kind, effect } = updateClass(operation, request);
      traffic.updates = { [`${kind} ${effect}`]: { count: 1, meteredUnits: traffic.writeUnits } };
      break;
    }
    case 'BatchWriteItem': {
      const writes = Object.values((request.RequestItems as Record<string, { PutRequest?: { Item: AttributeMap } }[]>) ?? {}).flat();
      traffic.writeUnits = writes.reduce((total, write) => total + writeUnitsOf(write.PutRequest?.Item, itemBytes(write.PutRequest?.Item)), 0);
      break;
    }
    default:
      break;
  }
  if (failed && String(response.__type ?? '').endsWith('ConditionalCheckFailedException')) {
    traffic.conditionalFailures = 1;
    // A refused write costs its units on the table; no index entry is written.
    if (operation === 'PutItem') traffic.writeUnits = units(itemBytes(request.Item), writeUnitBytes);
  }
  return traffic;
}

function add(into: Traffic, operation: string, traffic: OperationTraffic): void {
  const total = into.get(operation) ?? { requests: 0, itemsRead: 0, readUnits: 0, writeUnits: 0, conditionalFailures: 0 };
  total.requests += traffic.requests;
  total.itemsRead += traffic.itemsRead;
  total.readUnits += traffic.readUnits;
  total.writeUnits += traffic.writeUnits;
  total.conditionalFailures += traffic.conditionalFailures;
  for (const [name, { count, meteredUnits }] of Object.entries(traffic.updates ?? {})) {
    total.updates ??= {};
    const kept = (total.updates[name] ??= { count: 0, meteredUnits: 0 });
    kept.count += count;
    kept.meteredUnits += meteredUnits;
  }
  into.set(operation, total);
}

/** Sums several operations' traffic (e.g. a tick's, a day's). */
export function totalOf(traffic: Traffic): OperationTraffic {
  const total: Traffic = new Map();
  for (const entry of traffic.values()) add(total, 'all', entry);
  return total.get('all') ?? { requests: 0, itemsRead: 0, readUnits: 0, writeUnits: 0, conditionalFailures: 0 };
}

export function mergeTraffic(into: Traffic, from: Traffic): void {
  for (const [operation, traffic] of from) add(into, operation, traffic);
}

export function meterDynamoTraffic(dynamodbPort: number): DynamoTrafficMeter {
  let current: Traffic = new Map();
  const listener = (message: unknown) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    if (request.socket.localPort !== dynamodbPort) return;
    const target = request.headers['x-amz-target'];
    if (typeof target !== 'string') return;
    const operation = target.slice(target.lastIndexOf('.') + 1);
    const requestChunks: Buffer[] = [];
    // A second 'data' listener sees the same chunks as dynalite's own; nothing is consumed.
    request.on('data', (chunk: Buffer) => requestChunks.push(chunk));
    const responseChunks: Buffer[] = [];
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    const keep = (chunk: unknown) => {
      if (typeof chunk === 'string') responseChunks.push(Buffer.from(chunk));
      else if (chunk instanceof Uint8Array) responseChunks.push(Buffer.from(chunk));
    };
    response.write = ((...args: unknown[]) => {
      keep(args[0]);
      return write(...args);
    }) as typeof response.write;
    response.end = ((...args: unknown[]) => {
      if (typeof args[0] !== 'function') keep(args[0]);
      const parse = (chunks: Buffer[]): AttributeMap => {
        try {
          return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as AttributeMap;
        } catch {
          return {};
        }
      };
      add(current, operation, meter(operation, parse(requestChunks), parse(responseChunks), response.statusCode >= 400));
      return end(...args);
    }) as typeof response.end;
  };
  subscribe(channelName, listener);
  return {
    take() {
      const taken = current;
      current = new Map();
      return taken;
    },
    stop: () => unsubscribe(channelName, listener),
  };
}
