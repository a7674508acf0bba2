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

export const birthdayIndex = engineTable.globalSecondaryIndexes[0].indexName;

export interface ItemKey {
  PK: string;
  SK: string;
}

const customerPartition = (customerId: string) => `CUST#${customerId}`;

/** Customer profile; its GSI1 entry files the customer under the birthday month-day. */
export const customerKey = (customerId: string): ItemKey => ({ PK: customerPartition(customerId), SK: profileSortKeyPrefix });
export const birthdayIndexPartition = (monthDay: string) => `BDAY#${monthDay}`;
export const birthdayIndexKey = (monthDay: string, customerId: string) => ({
  GSI1PK: birthdayIndexPartition(monthDay),
  GSI1SK: customerPartition(customerId),
});
export const customerIdFromPartition = (pk: string): string => pk.slice('CUST#'.length);

/**
 * A customer's vehicles sort under the profile (`PROFILE#VEH#...`), so one Query with
 * `begins_with(SK, 'PROFILE')` reads profile and cars without the growing ledger items.
 */
export const profileSortKeyPrefix = 'PROFILE';
export const vehicleKey = (customerId: string, vin: string): ItemKey => ({ PK: customerPartition(customerId), SK: `${vehicleSortKeyPrefix}${vin}` });
export const vehicleSortKeyPrefix = `${profileSortKeyPrefix}#VEH#`;

export const dealerKey = (dealerId: string): ItemKey => ({ PK: `DEALER#${dealerId}`, SK: 'PROFILE' });

/** One item per journey occurrence (customer, journey, occurrence): the "sent once" ledger. */
export const occurrenceKey = (customerId: string, journeyId: string, occurrence: string): ItemKey => ({
  PK: customerPartition(customerId),
  SK: `OCC#${journeyId}#${occurrence}`,
});

/** One item per message of an occurrence: guards the send itself against SQS redelivery. */
export const sendKey = (customerId: string, journeyId: string, occurrence: string, messageId: string): ItemKey => ({
  PK: customerPartition(customerId),
  SK: `SEND#${journeyId}#${occurrence}#${messageId}`,
});
export const sendSortKeyPrefix = 'SEND#';

/** Marks a seeded demo data set, so the local runtime seeds once. */
export const seedMarkerKey = (name: string): ItemKey => ({ PK: 'META', SK: `SEED#${name}` });

/** Item type tag, for readers of a raw table dump. */
export const itemType = {
  customer: 'Customer',
  vehicle: 'Vehicle',
  dealer: 'Dealer',
  occurrence: 'Occurrence',
  send: 'Send',
  seed: 'Seed',
} as const;
