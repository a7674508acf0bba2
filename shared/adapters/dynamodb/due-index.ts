import { DeleteCommand, UpdateCommand, type DynamoDBDocumentClient } from './document-client';
import * as z from 'zod';
import { checkCustomer, fieldIssues, Vehicle } from '../../domain/customer';
import { customerFacts } from '../../domain/customer-facts';
import { Complaint, ServiceVisit } from '../../domain/service-history';
import { IsoDateString, type IsoDate } from '../../domain/dates';
import { pseudonym } from '../../logging';
import type { SkippedRecord } from '../../ports/customers';
import type { DueIndex, DueRead } from '../../ports/due-index';
import { batchWriteAll, type WriteRequest } from './batch-write';
import { attr, customerIdFromPartition, dueEntryKey, dueIndexKey, dueIndexPartition, dueIndexShards, itemType, openOccurrenceIndex } from './keys';
import { isConditionFailure } from './ledger-reconcile';
import { queryAll } from './query-all';
import { packRecord, unpackRecord } from './due-entry-record';

const DueItem = z.object({
  PK: z.string().startsWith('CUST#'),
  dueDate: IsoDateString,
  customer: z.unknown(),
  vehicles: z.array(Vehicle),
  // Entries filed before visits and complaints were stored with them have neither: none known.
  visits: z.array(ServiceVisit).default([]),
  complaints: z.array(Complaint).default([]),
  dealerCountry: z.string().length(2).optional(),
  // Entries filed before they held the journeys due on their date have none: every journey is planned.
  journeys: z.array(z.string()).optional(),
  // Entries filed, not moved, and those moved before entries held it have none: their ledger may hold anything.
  movedOn: IsoDateString.optional(),
});

/** The entry with its packed record's fields beside the others; entries filed before packing hold them as attributes. */
function storedFields(item: Record<string, unknown>): { ok: true; item: Record<string, unknown> } | { ok: false; message: string } {
  const { record, ...rest } = item;
  if (typeof record !== 'string') return { ok: true, item };
  try {
    const fields = unpackRecord(record);
    return typeof fields === 'object' && fields !== null ? { ok: true, item: { ...rest, ...fields } } : { ok: false, message: 'the packed record is not an object' };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : 'the packed record does not unpack' };
  }
}

/**
 * One due entry as stored (on GSI1 or in the table: the same attributes) made into the customer's
 * facts, due date and journeys, or what did not parse (the customer pseudonymised). `latest`: the
 * latest date the reader asked for, which the customer's check takes as its today.
 */
export function decodeDueItem(item: Record<string, unknown>, latest: IsoDate): { ok: true; due: DueRead['due'][number] } | { ok: false; skipped: SkippedRecord } {
  const record = pseudonym(customerIdFromPartition(String(item[attr.pk])));
  const stored = storedFields(item);
  if (!stored.ok) return { ok: false, skipped: { record, issues: [{ path: 'record', message: stored.message }] } };
  const parsed = DueItem.safeParse(stored.item);
  if (!parsed.success) return { ok: false, skipped: { record, issues: fieldIssues(parsed.error) } };
  const customer = checkCustomer(parsed.data.customer, latest);
  if (!customer.ok) return { ok: false, skipped: { record, issues: customer.issues.map((issue) => ({ ...issue, path: `customer.${issue.path}` })) } };
  const { dueDate, vehicles, visits, complaints, dealerCountry, journeys, movedOn } = parsed.data;
  return {
    ok: true,
    due: { ...customerFacts({ customer: customer.customer, vehicles, visits, complaints }, dealerCountry), dueDate, ...(journeys ? { dueJourneys: journeys } : {}), ...(movedOn ? { movedOn } : {}) },
  };
}

/** The due index on GSI1 of the engine table (see keys.ts and docs/data-model.md). */
export function createDynamoDueIndex(client: DynamoDBDocumentClient, tableName: string): DueIndex {
  return {
    async fileCustomers(entries, fingerprint) {
      const writes: WriteRequest[] = entries.map(({ facts, dueDate, journeyIds }) =>
        dueDate === undefined
          ? { DeleteRequest: { Key: dueEntryKey(facts.customer.id) } }
          : {
              PutRequest: {
                Item: {
                  ...dueEntryKey(facts.customer.id),
                  ...dueIndexKey(dueDate, facts.customer.id),
                  type: itemType.due,
                  dueDate,
                  fingerprint,
                  // The record, not the derived facts: a reader rebuilds them (customerFacts).
                  record: packRecord(facts.record),
                  ...(facts.dealerCountry ? { dealerCountry: facts.dealerCountry } : {}),
                  ...(journeyIds ? { journeys: [...journeyIds] } : {}),
                },
              },
            },
      );
      await batchWriteAll(client, tableName, writes);
    },

    async readDue(dates) {
      const pages = await Promise.all(
        dates.flatMap((date) =>
          Array.from({ length: dueIndexShards }, (_, shard) =>
            queryAll(client, {
              TableName: tableName,
              IndexName: openOccurrenceIndex,
              KeyConditionExpression: '#pk = :pk',
              ExpressionAttributeNames: { '#pk': attr.gsi1pk },
              ExpressionAttributeValues: { ':pk': dueIndexPartition(date, shard) },
            }),
          ),
        ),
      );
      const latest = [...dates].sort().at(-1)!;
      const read: DueRead = { due: [], skipped: [] };
      // Entry by entry: one bad item is reported, never a reason to send to no one.
      for (const item of pages.flat()) {
        const decoded = decodeDueItem(item, latest);
        if (decoded.ok) read.due.push(decoded.due);
        else read.skipped.push(decoded.skipped);
      }
      return read;
    },

    async advance(customerId, from: IsoDate, next, journeyIds, movedOn) {
      try {
        if (next === undefined) {
          await client.send(
            new DeleteCommand({
              TableName: tableName,
              Key: dueEntryKey(customerId),
              ConditionExpression: 'dueDate = :from',
              ExpressionAttributeValues: { ':from': from },
            }),
          );
          return;
        }
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: dueEntryKey(customerId),
            // Without the journeys due on the new date, none are kept: the old date's would leave some
            // out. Without the date of the move, an older one is not kept either: it would claim the
            // ledger untouched since then.
            UpdateExpression: `SET ${['dueDate = :next', '#gsi1pk = :pk', ...(journeyIds ? ['journeys = :journeys'] : []), ...(movedOn ? ['movedOn = :movedOn'] : [])].join(', ')}${
              journeyIds && movedOn ? '' : ` REMOVE ${[...(journeyIds ? [] : ['journeys']), ...(movedOn ? [] : ['movedOn'])].join(', ')}`
            }`,
            // Only the entry this run read: an import that rewrote it meanwhile has the newer facts.
            ConditionExpression: 'dueDate = :from',
            ExpressionAttributeNames: { '#gsi1pk': attr.gsi1pk },
            ExpressionAttributeValues: {
              ':from': from,
              ':next': next,
              ':pk': dueIndexKey(next, customerId).GSI1PK,
              ...(journeyIds ? { ':journeys': [...journeyIds] } : {}),
              ...(movedOn ? { ':movedOn': movedOn } : {}),
            },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },
  };
}
