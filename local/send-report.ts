/**
 * Reads what the ledger holds, for the summary of `npm start` and the day report: both come from
 * DynamoDB state, not from counters kept beside it. Local tooling, so a Scan is fine; every item
 * read is parsed, never cast: the day report counts items that do not parse, and the run summary
 * leaves them out.
 */
import type { DynamoDBDocumentClient } from '../shared/adapters/dynamodb/document-client';
import { scanAll } from '../shared/adapters/dynamodb/scan-all';
import { completeOccurrenceItem, completeSendItem } from '../shared/adapters/dynamodb/ledger-stored-form';
import * as z from 'zod';
import { attr, customerIdFromPartition, itemType } from '../shared/adapters/dynamodb/keys';
import { Channel } from '../shared/domain/customer';
import { IsoDateString } from '../shared/domain/dates';
import { SendStatus } from '../shared/ports/ledger';

export interface SendRow {
  journeyId: string;
  channel: Channel;
  status: SendStatus;
  reason?: string;
  location?: string;
  customerId: string;
}

// Only the attributes read here: the ledger may grow others (leases, attempts, TTL).
const SendItem = z.object({
  [attr.pk]: z.string(),
  type: z.literal(itemType.send),
  journeyId: z.string(),
  occurrenceKey: z.string(),
  messageId: z.string(),
  channel: Channel,
  status: z.enum(SendStatus),
  updatedAt: z.iso.datetime(),
  reason: z.string().optional(),
  location: z.string().optional(),
});
type SendItem = z.infer<typeof SendItem>;

const OccurrenceItem = z.object({
  [attr.pk]: z.string(),
  type: z.literal(itemType.occurrence),
  journeyId: z.string(),
  occurrenceKey: z.string(),
  occurrenceDate: IsoDateString,
  sendDate: IsoDateString.optional(),
  status: z.string(),
  // Listed apart by items written before the messages' `contactable` was the only record of it.
  skippedNoConsent: z.array(z.string()).optional(),
  messages: z.array(z.object({ messageId: z.string(), contactable: z.boolean() })).default([]),
});

function toRow(item: SendItem): SendRow {
  return {
    journeyId: item.journeyId,
    channel: item.channel,
    status: item.status,
    ...(item.reason ? { reason: item.reason } : {}),
    ...(item.location ? { location: item.location } : {}),
    customerId: customerIdFromPartition(item[attr.pk]),
  };
}

/** Sends whose ledger item changed since `since` (a run's share), whatever their date. */
export async function sendsRecordedSince(client: DynamoDBDocumentClient, tableName: string, since: Date): Promise<SendRow[]> {
  const items = await scanAll(client, {
    TableName: tableName,
    FilterExpression: '#type = :send AND updatedAt >= :since',
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: { ':send': itemType.send, ':since': since.toISOString() },
  });
  return items.flatMap((item) => {
    const parsed = SendItem.safeParse(completeSendItem(item));
    return parsed.success ? [toRow(parsed.data)] : [];
  });
}

export interface DaySend extends SendRow {
  /** The date of the occurrence the send belongs to: later than the day for a card mailed ahead. */
  occurrenceDate: string;
  /**
   * Recorded (claimed or finished) since this run began. Sends carry the dispatcher's real
   * clock; occurrences carry the schedule tick's time (simulated locally), so only sends are
   * split by run.
   */
  inThisRun: boolean;
}

export interface DayLedger {
  date: string;
  /**
   * Ledger units going out on the date, by any run: the occurrences of the date and the steps
   * mailed ahead on it for later occurrences (a card three days before a birthday).
   */
  occurrences: number;
  sends: DaySend[];
  /** Messages left out for lack of consent, by journey and message id. */
  skippedNoConsent: { journeyId: string; messageId: string }[];
  /** Ledger items that did not match their schema: counted so the report cannot hide them. */
  unreadable: number;
}

/**
 * Everything the ledger holds for one date: what goes out on it (an occurrence of the date, or
 * steps mailed ahead for a later one; the occurrence item carries both dates) and the sends of
 * those (keyed by customer, journey and occurrence), with the share recorded since
 * `runStartedAt` marked. A card mailed on 14 March for a birthday on the 17th is in the report
 * of the 14th, the day it went out, not of the 17th.
 */
export async function ledgerForDate(client: DynamoDBDocumentClient, tableName: string, date: string, runStartedAt: Date): Promise<DayLedger> {
  const items = await scanAll(client, {
    TableName: tableName,
    FilterExpression: '#type IN (:occurrence, :send)',
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: { ':occurrence': itemType.occurrence, ':send': itemType.send },
  });
  const since = runStartedAt.toISOString();
  const occurrenceOf = (pk: string, journeyId: string, occurrenceKey: string) => `${pk}\n${journeyId}\n${occurrenceKey}`;
  // Each unit going out on the date, with the date of its occurrence.
  const onDate = new Map<string, string>();
  const result: DayLedger = { date, occurrences: 0, sends: [], skippedNoConsent: [], unreadable: 0 };
  const sends: SendItem[] = [];
  for (const item of items) {
    if (item.type === itemType.occurrence) {
      const parsed = OccurrenceItem.safeParse(completeOccurrenceItem(item));
      if (!parsed.success) {
        result.unreadable += 1;
        continue;
      }
      const occurrence = parsed.data;
      if ((occurrence.sendDate ?? occurrence.occurrenceDate) !== date) continue;
      onDate.set(occurrenceOf(occurrence[attr.pk], occurrence.journeyId, occurrence.occurrenceKey), occurrence.occurrenceDate);
      result.occurrences += 1;
      const skipped = occurrence.skippedNoConsent ?? occurrence.messages.filter((message) => !message.contactable).map((message) => message.messageId);
      for (const messageId of skipped) result.skippedNoConsent.push({ journeyId: occurrence.journeyId, messageId });
    } else {
      const parsed = SendItem.safeParse(completeSendItem(item));
      if (parsed.success) sends.push(parsed.data);
      else result.unreadable += 1;
    }
  }
  result.sends = sends.flatMap((send) => {
    const occurrenceDate = onDate.get(occurrenceOf(send[attr.pk], send.journeyId, send.occurrenceKey));
    return occurrenceDate === undefined ? [] : [{ ...toRow(send), occurrenceDate, inThisRun: send.updatedAt >= since }];
  });
  return result;
}

/** Messages of a date that went out ahead of their occurrence, counted per journey, channel and occurrence date. */
export interface SentAhead {
  journeyId: string;
  channel: Channel;
  occurrenceDate: string;
  /** Whole days between the day they went out and their occurrence. */
  daysAhead: number;
  sent: number;
}

/**
 * What the date sent for later occurrences (the birthday cards mailed three days ahead), so a
 * report of 14 March says its cards are for birthdays on the 17th rather than leaving the reader
 * to wonder why the customers it greets by card are not the ones it greets by email.
 */
export function sentAhead(ledger: DayLedger): SentAhead[] {
  const groups = new Map<string, SentAhead>();
  for (const send of ledger.sends) {
    if (send.status !== 'sent' || send.occurrenceDate === ledger.date) continue;
    const key = `${send.journeyId}\n${send.channel}\n${send.occurrenceDate}`;
    const daysAhead = Math.round((Date.parse(send.occurrenceDate) - Date.parse(ledger.date)) / 86_400_000);
    const group = groups.get(key) ?? { journeyId: send.journeyId, channel: send.channel, occurrenceDate: send.occurrenceDate, daysAhead, sent: 0 };
    group.sent += 1;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.journeyId.localeCompare(b.journeyId) || a.channel.localeCompare(b.channel) || a.occurrenceDate.localeCompare(b.occurrenceDate));
}

/** One line per group of {@link sentAhead}: "birthday print: 3 sent for occurrences on 2026-03-17 (3 days ahead)". */
export function describeSentAhead(group: SentAhead): string {
  return `${group.journeyId} ${group.channel}: ${group.sent} sent for occurrences on ${group.occurrenceDate} (${group.daysAhead} day${group.daysAhead === 1 ? '' : 's'} ahead)`;
}
