/**
 * Reads what the ledger holds, for the summary of `npm start` and the day report: both come from
 * DynamoDB state, not from counters kept beside it. Local tooling, so a Scan is fine; every item
 * read is parsed, never cast: the day report counts items that do not parse, and the run summary
 * leaves them out.
 */
import { ScanCommand, type DynamoDBDocumentClient, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
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
  status: z.string(),
  skippedNoConsent: z.array(z.string()).optional(),
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

async function scanAll(client: DynamoDBDocumentClient, input: ScanCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
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
    const parsed = SendItem.safeParse(item);
    return parsed.success ? [toRow(parsed.data)] : [];
  });
}

export interface DaySend extends SendRow {
  /**
   * Recorded (claimed or finished) since this run began. Sends carry the dispatcher's real
   * clock; occurrences carry the schedule tick's time (simulated locally), so only sends are
   * split by run.
   */
  inThisRun: boolean;
}

export interface DayLedger {
  date: string;
  /** Journey occurrences recorded for the date, by any run. */
  occurrences: number;
  sends: DaySend[];
  /** Messages left out for lack of consent, by journey and message id. */
  skippedNoConsent: { journeyId: string; messageId: string }[];
  /** Ledger items that did not match their schema: counted so the report cannot hide them. */
  unreadable: number;
}

/**
 * Everything the ledger holds for one date: its journey occurrences (which carry the date) and
 * the sends of those occurrences (keyed by customer, journey and occurrence), with the share
 * recorded since `runStartedAt` marked.
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
  const onDate = new Set<string>();
  const result: DayLedger = { date, occurrences: 0, sends: [], skippedNoConsent: [], unreadable: 0 };
  const sends: SendItem[] = [];
  for (const item of items) {
    if (item.type === itemType.occurrence) {
      const parsed = OccurrenceItem.safeParse(item);
      if (!parsed.success) {
        result.unreadable += 1;
        continue;
      }
      const occurrence = parsed.data;
      if (occurrence.occurrenceDate !== date) continue;
      onDate.add(occurrenceOf(occurrence[attr.pk], occurrence.journeyId, occurrence.occurrenceKey));
      result.occurrences += 1;
      for (const messageId of occurrence.skippedNoConsent ?? []) result.skippedNoConsent.push({ journeyId: occurrence.journeyId, messageId });
    } else {
      const parsed = SendItem.safeParse(item);
      if (parsed.success) sends.push(parsed.data);
      else result.unreadable += 1;
    }
  }
  result.sends = sends
    .filter((send) => onDate.has(occurrenceOf(send[attr.pk], send.journeyId, send.occurrenceKey)))
    .map((send) => ({ ...toRow(send), inThisRun: send.updatedAt >= since }));
  return result;
}
