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
 * Sizes are of the JSON on the wire, a little above DynamoDB's own item size (type tags), so the
 * estimate errs high.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';

const channelName = 'http.server.request.start';
const readUnitBytes = 4096;
const writeUnitBytes = 1024;

export interface OperationTraffic {
  requests: number;
  itemsRead: number;
  readUnits: number;
  writeUnits: number;
  conditionalFailures: number;
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
      traffic.writeUnits = writeUnitsOf(request.Item as AttributeMap, jsonBytes(request.Item));
      break;
    case 'UpdateItem':
    case 'DeleteItem':
      // The updated item's size is not on the wire: count the key and the update, at least one unit.
      traffic.writeUnits = units(jsonBytes(request), writeUnitBytes);
      break;
    case 'BatchWriteItem': {
      const writes = Object.values((request.RequestItems as Record<string, { PutRequest?: { Item: AttributeMap } }[]>) ?? {}).flat();
      traffic.writeUnits = writes.reduce((total, write) => total + writeUnitsOf(write.PutRequest?.Item, jsonBytes(write.PutRequest?.Item)), 0);
      break;
    }
    default:
      break;
  }
  if (failed && String(response.__type ?? '').endsWith('ConditionalCheckFailedException')) {
    traffic.conditionalFailures = 1;
    // A refused write costs its units on the table; no index entry is written.
    if (operation === 'PutItem') traffic.writeUnits = units(jsonBytes(request.Item), writeUnitBytes);
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
