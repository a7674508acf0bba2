/**
 * Item key layouts of the engine table, defined once. Every adapter, the seeder and the tests build
 * keys through these functions; no key prefix is typed anywhere else. See docs/data-model.md.
 */
import { engineTable } from '../../resources/table';

export const attr = {
  pk: engineTable.partitionKey,
  sk: engineTable.sortKey,
  gsi1pk: engineTable.globalSecondaryIndexes[0].partitionKey,
  gsi1sk: engineTable.globalSecondaryIndexes[0].sortKey,
  expiresAt: engineTable.timeToLiveAttribute,
} as const;

/** GSI1: customers by due date, open occurrences by date, tasks by dealer (sparse, one prefix each). */
export const openOccurrenceIndex = engineTable.globalSecondaryIndexes[0].indexName;

export interface ItemKey {
  PK: string;
  SK: string;
}

const customerPartition = (customerId: string) => `CUST#${customerId}`;

/** Customer profile. */
export const customerKey = (customerId: string): ItemKey => ({ PK: customerPartition(customerId), SK: profileSortKeyPrefix });
/** Every customer partition starts so: the recompute's scan keeps only these profiles. */
export const customerPartitionPrefix = customerPartition('');
export const customerIdFromPartition = (pk: string): string => pk.slice('CUST#'.length);

/**
 * A customer's vehicles sort under the profile (`PROFILE#VEH#...`), so one Query with
 * `begins_with(SK, 'PROFILE')` reads profile and cars without the growing ledger items.
 */
export const profileSortKeyPrefix = 'PROFILE';
export const vehicleKey = (customerId: string, vin: string): ItemKey => ({ PK: customerPartition(customerId), SK: `${vehicleSortKeyPrefix}${vin}` });
export const vehicleSortKeyPrefix = `${profileSortKeyPrefix}#VEH#`;

/**
 * Service visits (`PROFILE#VISIT#<date>#<n>`, n numbering one day's visits) and complaints
 * (`PROFILE#CMPL#<reference>`) sort under the profile too: the same one Query reads them.
 */
export const visitSortKeyPrefix = `${profileSortKeyPrefix}#VISIT#`;
export const visitKey = (customerId: string, on: string, sequence: number): ItemKey => ({
  PK: customerPartition(customerId),
  SK: `${visitSortKeyPrefix}${on}#${String(sequence).padStart(3, '0')}`,
});
export const complaintSortKeyPrefix = `${profileSortKeyPrefix}#CMPL#`;
export const complaintKey = (customerId: string, reference: string): ItemKey => ({ PK: customerPartition(customerId), SK: `${complaintSortKeyPrefix}${reference}` });

/**
 * A suppression entry (`PROFILE#SUPP#<channel>#<scope>#<reason>`) sorts under the profile, so the
 * dispatch's one Query of the profile range returns it with the customer; the import replaces
 * only cars, visits and complaints, so it never removes one.
 */
export const suppressionSortKeyPrefix = `${profileSortKeyPrefix}#SUPP#`;
export const suppressionKey = (customerId: string, channel: string, scope: string, reason: string): ItemKey => ({
  PK: customerPartition(customerId),
  SK: `${suppressionSortKeyPrefix}${channel}#${scope}#${reason}`,
});

/**
 * GSI1 entry of a customer profile with a valid mobile number: inbound SMS carries only the
 * number, and an opt-out must find every customer who has it.
 */
export const phoneIndexPartition = (e164: string) => `PHONE#${e164}`;
export const phoneIndexKey = (e164: string, customerId: string) => ({ GSI1PK: phoneIndexPartition(e164), GSI1SK: customerPartition(customerId) });

/** A pause switch (one per channel and category), read by every dispatch. */
export const sendingPauseSortKeyPrefix = 'PAUSE#';
export const sendingPauseKey = (channel: string, category: string): ItemKey => ({ PK: 'META', SK: `${sendingPauseSortKeyPrefix}${channel}#${category}` });

export const dealerKey = (dealerId: string): ItemKey => ({ PK: `DEALER#${dealerId}`, SK: 'PROFILE' });
/**
 * GSI1 entry of a dealer that belongs to a brand: the brand's dealers are one Query (a brand key's
 * `GET /v1/tasks` lists the tasks of each), never a scan.
 */
export const brandDealersIndexPartition = (brandId: string) => `BRAND-DEALERS#${brandId}`;
export const brandDealersIndexKey = (brandId: string, dealerId: string) => ({ GSI1PK: brandDealersIndexPartition(brandId), GSI1SK: dealerId });
/** A brand (its customer centre, the sender of brand-sent journeys), beside the dealers. */
export const brandKey = (brandId: string): ItemKey => ({ PK: `BRAND#${brandId}`, SK: 'PROFILE' });

/** One item per journey occurrence (customer, journey, occurrence): the "sent once" ledger. */
export const occurrenceSortKeyPrefix = 'OCC#';
export const occurrenceKey = (customerId: string, journeyId: string, occurrence: string): ItemKey => ({
  PK: customerPartition(customerId),
  SK: `${occurrenceSortKeyPrefix}${journeyId}#${occurrence}`,
});

/**
 * Spreads a date's open occurrences over a few GSI1 partitions, so a busy day's claims do not all
 * write to one index partition. The reconciler queries every shard of a date.
 */
export const openOccurrenceShards = 4;

function shardOf(customerId: string): number {
  let sum = 0;
  for (let index = 0; index < customerId.length; index += 1) sum = (sum + customerId.charCodeAt(index)) % openOccurrenceShards;
  return sum;
}

export const openOccurrencePartition = (occurrenceDate: string, shard: number) => `OPEN#${occurrenceDate}#${shard}`;

/**
 * GSI1 entry of an occurrence whose sends are not all finished (sparse: removed when it is closed
 * or expired), so the reconciler finds unfinished work by date without a scan.
 */
export const openOccurrenceIndexKey = (occurrenceDate: string, customerId: string, journeyId: string, occurrence: string) => ({
  GSI1PK: openOccurrencePartition(occurrenceDate, shardOf(customerId)),
  GSI1SK: `${customerPartition(customerId)}#OCC#${journeyId}#${occurrence}`,
});

/** One item per message of an occurrence: guards the send itself against SQS redelivery. */
export const sendKey = (customerId: string, journeyId: string, occurrence: string, messageId: string): ItemKey => ({
  PK: customerPartition(customerId),
  SK: `SEND#${journeyId}#${occurrence}#${messageId}`,
});
export const sendSortKeyPrefix = 'SEND#';

/**
 * The journey and occurrence an `OCC#` sort key names, or `undefined` when it is not one. Journey
 * ids hold no `#` (the journey schema's identifiers); the occurrence key may, so it is the rest.
 */
export function occurrenceIdsOfSortKey(sortKey: string): { journeyId: string; occurrenceKey: string } | undefined {
  if (!sortKey.startsWith(occurrenceSortKeyPrefix)) return undefined;
  const rest = sortKey.slice(occurrenceSortKeyPrefix.length);
  const split = rest.indexOf('#');
  return split > 0 && split < rest.length - 1 ? { journeyId: rest.slice(0, split), occurrenceKey: rest.slice(split + 1) } : undefined;
}

/**
 * The journey, occurrence and message a `SEND#` sort key names, or `undefined` when it is not one:
 * journey and message ids hold no `#` (identifiers), so they are the first and the last part.
 */
export function sendIdsOfSortKey(sortKey: string): { journeyId: string; occurrenceKey: string; messageId: string } | undefined {
  if (!sortKey.startsWith(sendSortKeyPrefix)) return undefined;
  const rest = sortKey.slice(sendSortKeyPrefix.length);
  const [first, last] = [rest.indexOf('#'), rest.lastIndexOf('#')];
  return first > 0 && last > first + 1 && last < rest.length - 1
    ? { journeyId: rest.slice(0, first), occurrenceKey: rest.slice(first + 1, last), messageId: rest.slice(last + 1) }
    : undefined;
}
/** The sends of one occurrence sort together under its customer. */
export const occurrenceSendsPrefix = (journeyId: string, occurrence: string) => `${sendSortKeyPrefix}${journeyId}#${occurrence}#`;

/**
 * A task (work for a dealer's staff) sorts under its customer, so erasing the customer's
 * partition takes it too; its id is the send's, so one send makes one task.
 */
export const taskKey = (customerId: string, journeyId: string, occurrence: string, messageId: string): ItemKey => ({
  PK: customerPartition(customerId),
  SK: `TASK#${journeyId}#${occurrence}#${messageId}`,
});

/**
 * GSI1 entry of a task: one index partition per dealer and status, sorted by due date, so a
 * dealer's open tasks are one Query, earliest due first. A status change moves the entry.
 */
export const taskIndexPartition = (dealerId: string, status: string) => `TASKS#${dealerId}#${status}`;
export const taskIndexKey = (dealerId: string, status: string, dueOn: string, taskId: string) => ({
  GSI1PK: taskIndexPartition(dealerId, status),
  GSI1SK: `${dueOn}#${taskId}`,
});
export const taskIndex = engineTable.globalSecondaryIndexes[0].indexName;

/**
 * The due index: one item per customer (`DUE` under the customer) filed on GSI1 under the next
 * local date any journey is due for them, sharded like the open occurrences so a busy date's
 * writes spread over index partitions. It carries the customer's facts (profile, cars, dealer
 * country), so an evaluation reads only the customers due and nothing else.
 */
export const dueIndexShards = 4;
export const dueEntryKey = (customerId: string): ItemKey => ({ PK: customerPartition(customerId), SK: 'DUE' });
export const dueIndexPartition = (dueDate: string, shard: number) => `DUE#${dueDate}#${shard}`;
export const dueIndexKey = (dueDate: string, customerId: string) => ({
  GSI1PK: dueIndexPartition(dueDate, shardOf(customerId) % dueIndexShards),
  GSI1SK: customerPartition(customerId),
});
/** What the stored due dates were computed from (the journeys' fingerprint) and how far a recompute got. */
export const dueIndexMetaKey: ItemKey = { PK: 'META', SK: 'DUE-INDEX' };

/**
 * A message held until an instant (`shared/ports/message-schedule.ts`): one item per send under
 * its customer (holding it again overwrites it, so its index entry moves with it; erasing the
 * customer's partition takes it), filed on GSI1 while held under the UTC day it is due, sharded
 * like the due index, sorted by the due instant then the send id: the release reads what is due
 * by an instant with one Query per day and shard, earliest first.
 */
export const heldMessageSortKeyPrefix = 'HELD#';
export const heldMessageKey = (customerId: string, journeyId: string, occurrence: string, messageId: string): ItemKey => ({
  PK: customerPartition(customerId),
  SK: `${heldMessageSortKeyPrefix}${journeyId}#${occurrence}#${messageId}`,
});
export const heldIndexShards = 4;
export const heldIndexPartition = (utcDay: string, shard: number) => `HELD#${utcDay}#${shard}`;
/** `dueAt` in the normalised form of `Date.toISOString()`, so the sort key orders by instant. */
export const heldIndexKey = (dueAt: string, customerId: string, sendId: string) => ({
  GSI1PK: heldIndexPartition(dueAt.slice(0, 10), shardOf(customerId) % heldIndexShards),
  GSI1SK: `${dueAt}#${sendId}`,
});

/**
 * An event-started occurrence waiting for its customer to exist (`shared/ports/waiting-occurrences.ts`):
 * under that customer's partition (their first upsert Queries `WAITING#`; erasing them takes it),
 * and on GSI1 under the customer whose event started it, so erasing that side finds it too.
 */
export const waitingOccurrenceSortKeyPrefix = 'WAITING#';
export const waitingOccurrenceKey = (customerId: string, journeyId: string, occurrence: string): ItemKey => ({
  PK: customerPartition(customerId),
  SK: `${waitingOccurrenceSortKeyPrefix}${journeyId}#${occurrence}`,
});
export const waitingByStarterIndexPartition = (startedBy: string) => `WAITING-FROM#${startedBy}`;
export const waitingByStarterIndexKey = (startedBy: string, customerId: string, journeyId: string, occurrence: string) => ({
  GSI1PK: waitingByStarterIndexPartition(startedBy),
  GSI1SK: `${customerPartition(customerId)}#${journeyId}#${occurrence}`,
});

/** Marks a seeded demo data set, so the local runtime seeds once. */
export const seedMarkerKey = (name: string): ItemKey => ({ PK: 'META', SK: `SEED#${name}` });

/** An API key by its public id (the secret's hash is an attribute); GSI1 lists every key, oldest first. */
export const apiKeyKey = (keyId: string): ItemKey => ({ PK: `APIKEY#${keyId}`, SK: 'APIKEY' });
export const apiKeyIndexPartition = 'APIKEYS';
export const apiKeyIndexKey = (createdAt: string, keyId: string) => ({ GSI1PK: apiKeyIndexPartition, GSI1SK: `${createdAt}#${keyId}` });

/** The intake record of a dealer event: one per (tenant, sender's id), the API's idempotency key. */
export const eventIntakeKey = (tenant: string, eventId: string): ItemKey => ({ PK: `EVENT#${tenant}#${eventId}`, SK: 'INTAKE' });

/**
 * The frequency-cap counter of a customer (its promotional contacts): one item, written only on
 * its version, so two dispatches cannot both take the last slot. Under the customer's partition,
 * so erasing the customer takes it too.
 */
export const contactsKey = (customerId: string): ItemKey => ({ PK: customerPartition(customerId), SK: 'CONTACTS' });

/**
 * GSI1 entry of an intake record under the customer its event is about: an erasure finds the
 * records that carry the customer's data (they are keyed by tenant and event id) with one Query.
 */
export const intakeByCustomerIndexPartition = (customerId: string) => `INTAKE#${customerId}`;
export const intakeByCustomerIndexKey = (customerId: string, tenant: string, eventId: string) => ({
  GSI1PK: intakeByCustomerIndexPartition(customerId),
  GSI1SK: `${tenant}#${eventId}`,
});

/**
 * The tombstone of an erased customer: the one item left in their partition (no personal data:
 * the id is the key, plus the dealer for the tenant check and the time). The event consumer and
 * the import refuse a customer that has one, so a replayed event cannot bring them back.
 */
export const tombstoneKey = (customerId: string): ItemKey => ({ PK: customerPartition(customerId), SK: 'ERASED' });

/** The event consumer's versions and waiting events of a customer (not under PROFILE: journeys never read it). */
export const customerEventStateKey = (customerId: string): ItemKey => ({ PK: customerPartition(customerId), SK: 'EVENTS' });

/**
 * A scheduled run's record, filed under the UTC day it started (`RUNS#<day>`) and sorted by its
 * start: the Health page reads a few days with one Query each. A day holds some 340 small items
 * (24 evaluations, 24 reconciles, 288 releases), far below a partition's limits.
 */
export const runPartition = (utcDay: string) => `RUNS#${utcDay}`;
export const runKey = (startedAt: string, kind: string, runId: string): ItemKey => ({ PK: runPartition(startedAt.slice(0, 10)), SK: `${startedAt}#${kind}#${runId}` });

/**
 * The console's outcome counters: one partition per dealer and UTC month, one item per day,
 * journey, step, channel and outcome. A page reads a dealer's month or two with one Query each;
 * a dealer's busiest item takes one write per send of one step on one day (a few per second on a
 * festival morning even for a dealer of 50,000 customers), far below a partition's 1,000 writes a
 * second. The brand's view adds its dealers' counters instead of a brand-wide item, which every
 * send of the brand would write at once.
 */
const sendCountPartitionPrefix = 'COUNTS#';
export const sendCountPartition = (dealerId: string, month: string) => `${sendCountPartitionPrefix}${dealerId}#${month}`;
export const sendCountKey = (count: { dealerId: string; day: string; journeyId: string; stepId: string; channel: string; outcome: string }): ItemKey => ({
  PK: sendCountPartition(count.dealerId, count.day.slice(0, 7)),
  SK: `${count.day}#${count.journeyId}#${count.stepId}#${count.channel}#${count.outcome}`,
});

/**
 * What a counter's key names, or `undefined` when it is not a counter's: the month is the
 * partition's last part (a dealer id may hold `#`), and the sort key's five parts are a day,
 * identifiers and enums, none with `#`.
 */
export function sendCountOfKey(key: { PK?: unknown; SK?: unknown }): { dealerId: string; day: string; journeyId: string; stepId: string; channel: string; outcome: string } | undefined {
  const [pk, sk] = [String(key.PK), String(key.SK)];
  const prefix = sendCountPartitionPrefix;
  const monthAt = pk.lastIndexOf('#');
  const parts = sk.split('#');
  if (!pk.startsWith(prefix) || monthAt <= prefix.length || parts.length !== 5 || parts.some((part) => part === '')) return undefined;
  const [day, journeyId, stepId, channel, outcome] = parts as [string, string, string, string, string];
  return { dealerId: pk.slice(prefix.length, monthAt), day, journeyId, stepId, channel, outcome };
}

/** Item type tag, for readers of a raw table dump. */
export const itemType = {
  customer: 'Customer',
  vehicle: 'Vehicle',
  visit: 'Visit',
  complaint: 'Complaint',
  dealer: 'Dealer',
  brand: 'Brand',
  occurrence: 'Occurrence',
  send: 'Send',
  task: 'Task',
  contacts: 'ContactCounter',
  seed: 'Seed',
  due: 'DueEntry',
  dueIndexState: 'DueIndexState',
  apiKey: 'ApiKey',
  eventIntake: 'EventIntake',
  eventState: 'CustomerEventState',
  heldMessage: 'HeldMessage',
  suppression: 'Suppression',
  sendingPause: 'SendingPause',
  tombstone: 'Tombstone',
  waitingOccurrence: 'WaitingOccurrence',
  run: 'Run',
  sendCount: 'SendCount',
} as const;
