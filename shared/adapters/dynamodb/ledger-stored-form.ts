/**
 * What occurrence and send items store of what they hold. Ledger items are most of the table (each
 * occurrence and send is kept 400 days, and storage, backups and the calendar job's Scan are all
 * billed by the byte), so an item leaves out what its sort key already says (journey, occurrence
 * and message ids) and what an occurrence's message only repeats by the journeys' naming (channel
 * the step id, template `<journey>-<step>`). Readers complete an item before they parse it; an item
 * written before this form, with every attribute, reads as it always did.
 */
import type { DueMessage } from '../../domain/journey/plan';
import type { SendRef } from '../../ports/ledger';
import { occurrenceIdsOfSortKey, sendIdsOfSortKey, type ItemKey } from './keys';

type Item = Record<string, unknown>;

/** An occurrence's message as stored: `channel` and `template` only where the naming does not give them. */
export interface StoredMessage {
  messageId: string;
  channel?: string;
  template?: string;
  contactable: boolean;
}

/** The template a journey's step is named by when nothing else is said (`birthday-email` for step `email` of `birthday`). */
const conventionalTemplate = (journeyId: string, messageId: string) => `${journeyId}-${messageId}`;

export function storedMessages(journeyId: string, messages: readonly DueMessage[]): StoredMessage[] {
  return messages.map(({ messageId, channel, template, contactable }) => ({
    messageId,
    ...(channel === messageId ? {} : { channel }),
    ...(template === conventionalTemplate(journeyId, messageId) ? {} : { template }),
    contactable,
  }));
}

function completeMessage(journeyId: string, message: unknown): unknown {
  if (typeof message !== 'object' || message === null) return message;
  const { messageId, channel, template } = message as Item;
  if (typeof messageId !== 'string') return message;
  return { ...message, channel: channel ?? messageId, template: template ?? conventionalTemplate(journeyId, messageId) };
}

/** The ids to store on an occurrence item: none when its sort key gives them back (always, for the journeys' identifiers). */
export function occurrenceIdsToStore(key: ItemKey, journeyId: string, occurrenceKey: string): { journeyId?: string; occurrenceKey?: string } {
  const fromKey = occurrenceIdsOfSortKey(key.SK);
  return fromKey?.journeyId === journeyId && fromKey.occurrenceKey === occurrenceKey ? {} : { journeyId, occurrenceKey };
}

/** The ids to store on a send item: none when its sort key gives them back. */
export function sendIdsToStore(key: ItemKey, send: SendRef): { journeyId?: string; occurrenceKey?: string; messageId?: string } {
  const fromKey = sendIdsOfSortKey(key.SK);
  return fromKey?.journeyId === send.journeyId && fromKey.occurrenceKey === send.occurrenceKey && fromKey.messageId === send.messageId
    ? {}
    : { journeyId: send.journeyId, occurrenceKey: send.occurrenceKey, messageId: send.messageId };
}

/**
 * The same for an update that creates or rewrites a send: the `SET` assignments (each led by a
 * comma, to append) and their values, empty when the key gives the ids back.
 */
export function sendIdsSetClause(key: ItemKey, send: SendRef): { assignments: string; values: Record<string, string> } {
  const ids = sendIdsToStore(key, send);
  const names = Object.keys(ids) as (keyof typeof ids)[];
  return {
    assignments: names.map((name) => `, ${name} = :${name}`).join(''),
    values: Object.fromEntries(names.map((name) => [`:${name}`, ids[name]!])),
  };
}

/** An occurrence item as written before the stored form: ids from its sort key, its messages' channel and template filled in. */
export function completeOccurrenceItem(item: Item): Item {
  const ids = occurrenceIdsOfSortKey(String(item.SK));
  const journeyId = item.journeyId ?? ids?.journeyId;
  const completed: Item = { ...ids, ...item };
  if (typeof journeyId === 'string' && Array.isArray(item.messages)) completed.messages = item.messages.map((message) => completeMessage(journeyId, message));
  return completed;
}

/** A send item as written before the stored form: ids from its sort key where it has none. */
export function completeSendItem(item: Item): Item {
  return { ...sendIdsOfSortKey(String(item.SK)), ...item };
}
