/**
 * Parsers of the ledger's stored items: every item read is checked against what the ledger writes,
 * instead of being cast.
 */
import * as z from 'zod';
import { Channel } from '../../domain/customer';
import { IsoDateString } from '../../domain/dates';
import { JourneyCategory } from '../../domain/journey/category';
import type { ContactHistory } from '../../domain/policies/frequency-cap';
import type { OpenOccurrence, SendRecord } from '../../ports/ledger';
import { SendDeliveryStatus, SendStatus } from '../../ports/ledger';
import { customerIdFromPartition } from './keys';
import { completeOccurrenceItem, completeSendItem } from './ledger-stored-form';

const SendItem = z.object({
  PK: z.string().startsWith('CUST#'),
  journeyId: z.string().min(1),
  occurrenceKey: z.string().min(1),
  messageId: z.string().min(1),
  channel: Channel,
  status: z.enum(SendStatus),
  updatedAt: z.string().min(1),
  leaseUntil: z.string().optional(),
  dueAt: z.string().optional(),
  providerMessageId: z.string().optional(),
  location: z.string().optional(),
  reason: z.string().optional(),
  delivery: z.object({ status: z.enum(SendDeliveryStatus), at: z.string().min(1), detail: z.string().optional() }).optional(),
});

export function parseSendItem(item: Record<string, unknown>): SendRecord {
  const { PK, leaseUntil, dueAt, providerMessageId, location, reason, delivery, ...send } = SendItem.parse(completeSendItem(item));
  return {
    customerId: customerIdFromPartition(PK),
    ...send,
    ...(send.status === 'sending' && leaseUntil ? { leaseUntil } : {}),
    ...(send.status === 'deferred' && dueAt ? { dueAt } : {}),
    ...(providerMessageId ? { providerMessageId } : {}),
    ...(location ? { location } : {}),
    ...(reason ? { reason } : {}),
    ...(delivery ? { delivery } : {}),
  };
}

const ContactItem = z.object({ journeyId: z.string().min(1), occurrenceKey: z.string().min(1), date: IsoDateString });
const ContactsItem = z.object({
  contacts: z.array(ContactItem),
  // Absent on counters written before settled marks.
  settled: z.array(ContactItem).default([]),
  version: z.number().int().positive(),
});

/**
 * The frequency-cap counter. One that does not parse throws: guessing an empty history would let
 * promotions through uncapped, so the dispatch of that customer retries and ends in the
 * dead-letter queue, where someone looks.
 */
export function parseContactsItem(item: Record<string, unknown>): ContactHistory {
  const { contacts, settled, version } = ContactsItem.parse(item);
  return { contacts, settled, version };
}

const OpenOccurrenceItem = z.object({
  PK: z.string().startsWith('CUST#'),
  journeyId: z.string().min(1),
  occurrenceKey: z.string().min(1),
  occurrenceDate: IsoDateString,
  status: z.enum(['claimed', 'queued']),
  lastQueuedAt: z.string().min(1),
  facts: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  sendDate: IsoDateString.optional(),
  category: JourneyCategory.optional(),
  priority: z.number().int().optional(),
  validUntil: z.iso.datetime().optional(),
  messages: z.array(z.object({ messageId: z.string().min(1), channel: Channel, template: z.string().min(1), contactable: z.boolean() })).min(1),
});

/**
 * An open occurrence read from the index, or `undefined` when the item is not one: the index is
 * eventually consistent, so an occurrence closed a moment ago may still show; one that does not
 * parse is counted by the caller, not allowed to stop the others.
 */
export function parseOpenOccurrence(item: Record<string, unknown>): OpenOccurrence | 'closed' | 'unreadable' {
  if (item.status === 'closed' || item.status === 'expired') return 'closed';
  const parsed = OpenOccurrenceItem.safeParse(completeOccurrenceItem(item));
  if (!parsed.success) return 'unreadable';
  const { PK, facts, sendDate, category, priority, validUntil, ...occurrence } = parsed.data;
  return {
    customerId: customerIdFromPartition(PK),
    ...occurrence,
    ...(facts ? { facts } : {}),
    ...(sendDate ? { sendDate } : {}),
    ...(category ? { category } : {}),
    ...(priority !== undefined ? { priority } : {}),
    ...(validUntil ? { validUntil } : {}),
  };
}
