import type {
  BatchGetCommandInput,
  BatchGetCommandOutput,
  BatchWriteCommandInput,
  BatchWriteCommandOutput,
  DeleteCommandInput,
  DeleteCommandOutput,
  GetCommandInput,
  GetCommandOutput,
  PutCommandInput,
  PutCommandOutput,
  QueryCommandInput,
  QueryCommandOutput,
  ScanCommandInput,
  ScanCommandOutput,
  UpdateCommandInput,
  UpdateCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall, type NativeAttributeValue } from '@aws-sdk/util-dynamodb';

/** A record of attribute values as the wire carries them (`{ "PK": { "S": "CUST#1" } }`). */
type WireRecord = Record<string, unknown>;
type NativeRecord = Record<string, NativeAttributeValue>;
type Wire = Record<string, unknown>;

/**
 * What `documentClient()` configured lib-dynamodb with: an attribute left undefined is not
 * written (optional fields of our items), instead of failing the whole write.
 */
const marshallOptions = { removeUndefinedValues: true } as const;

const toWire = (record: NativeRecord): WireRecord => marshall(record, marshallOptions) as WireRecord;
const toNative = (record: WireRecord): NativeRecord => unmarshall(record as Parameters<typeof unmarshall>[0]);

/** The same object with `fields` converted where present. */
function converted(object: Wire, fields: readonly string[], convert: (record: NativeRecord) => unknown): Wire {
  const result: Wire = { ...object };
  for (const field of fields) {
    const value = object[field];
    if (value !== undefined) result[field] = convert(value as NativeRecord);
  }
  return result;
}

function perTable<T>(tables: unknown, convert: (value: T) => unknown): Record<string, unknown> | undefined {
  if (tables === undefined) return undefined;
  return Object.fromEntries(Object.entries(tables as Record<string, T>).map(([table, value]) => [table, convert(value)]));
}

type WriteRequest = { PutRequest?: { Item: NativeRecord }; DeleteRequest?: { Key: NativeRecord } };

function writeRequests(requests: WriteRequest[], convert: (record: NativeRecord) => unknown): unknown[] {
  return requests.map((request) => ({
    ...request,
    ...(request.PutRequest ? { PutRequest: { ...request.PutRequest, Item: convert(request.PutRequest.Item) } } : {}),
    ...(request.DeleteRequest ? { DeleteRequest: { ...request.DeleteRequest, Key: convert(request.DeleteRequest.Key) } } : {}),
  }));
}

const keysOf = (convert: (record: NativeRecord) => unknown) => (keys: { Keys?: NativeRecord[] }) => ({ ...keys, ...(keys.Keys ? { Keys: keys.Keys.map(convert) } : {}) });

/** The record-valued fields of every operation's input and output, by name: the names do not clash across operations. */
const recordFields = ['Key', 'Item', 'ExpressionAttributeValues', 'ExclusiveStartKey', 'Attributes', 'LastEvaluatedKey'] as const;

/**
 * One DynamoDB operation with lib-dynamodb's input and output shapes: native JavaScript values in,
 * native values out, attribute values on the wire. The names and shapes match
 * `@aws-sdk/lib-dynamodb`'s commands so adapters read the same with either client.
 */
export abstract class DocumentCommand<Input, Output> {
  /** The DynamoDB API action, as `X-Amz-Target: DynamoDB_20120810.<operation>` names it. */
  abstract readonly operation: string;
  /** Marker only: carries the output type for `send`. */
  declare readonly output?: Output;

  constructor(readonly input: Input) {}

  /** The request body: the input with every attribute value marshalled. */
  wireInput(): Wire {
    const input = converted(this.input as Wire, recordFields, toWire);
    if (this.operation === 'BatchWriteItem') input.RequestItems = perTable<WriteRequest[]>(input.RequestItems, (requests) => writeRequests(requests, toWire));
    if (this.operation === 'BatchGetItem') input.RequestItems = perTable(input.RequestItems, keysOf(toWire));
    return input;
  }

  /** The answer with every attribute value back to native, `$metadata` as the SDK reports it. */
  nativeOutput(wire: Wire, httpStatusCode: number): Output {
    const output = converted(wire, recordFields, toNative);
    if (Array.isArray(wire.Items)) output.Items = (wire.Items as WireRecord[]).map(toNative);
    if (wire.Responses !== undefined) output.Responses = perTable<WireRecord[]>(wire.Responses, (items) => items.map(toNative));
    if (wire.UnprocessedKeys !== undefined) output.UnprocessedKeys = perTable(wire.UnprocessedKeys, keysOf(toNative));
    if (wire.UnprocessedItems !== undefined) output.UnprocessedItems = perTable<WriteRequest[]>(wire.UnprocessedItems, (requests) => writeRequests(requests, toNative));
    return { ...output, $metadata: { httpStatusCode } } as Output;
  }
}

/** A command class for one operation: lib-dynamodb's name, input and output. */
function commandFor<Input, Output>(operation: string) {
  return class extends DocumentCommand<Input, Output> {
    readonly operation = operation;
  };
}

export class GetCommand extends commandFor<GetCommandInput, GetCommandOutput>('GetItem') {}
export class PutCommand extends commandFor<PutCommandInput, PutCommandOutput>('PutItem') {}
export class UpdateCommand extends commandFor<UpdateCommandInput, UpdateCommandOutput>('UpdateItem') {}
export class DeleteCommand extends commandFor<DeleteCommandInput, DeleteCommandOutput>('DeleteItem') {}
export class QueryCommand extends commandFor<QueryCommandInput, QueryCommandOutput>('Query') {}
export class ScanCommand extends commandFor<ScanCommandInput, ScanCommandOutput>('Scan') {}
export class BatchWriteCommand extends commandFor<BatchWriteCommandInput, BatchWriteCommandOutput>('BatchWriteItem') {}
export class BatchGetCommand extends commandFor<BatchGetCommandInput, BatchGetCommandOutput>('BatchGetItem') {}
