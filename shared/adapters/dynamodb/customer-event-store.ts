import { GetCommand, PutCommand, type DynamoDBDocumentClient } from './document-client';
import * as z from 'zod';
import { Customer, Vehicle } from '../../domain/customer';
import { CorruptItemError } from '../../domain/errors';
import { DealerEvent } from '../../domain/events/event';
import { noVersions } from '../../domain/events/state';
import { Complaint, ServiceVisit } from '../../domain/service-history';
import type { CustomerEventStore } from '../../ports/events';
import { createDynamoCustomerStore } from './customer-store';
import { attr, customerEventStateKey, itemType } from './keys';
import { readCustomerPartition } from './customer-partition';

const StoredTenant = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dealer'), dealerId: z.string() }),
  z.object({ kind: z.literal('brand'), brandId: z.string() }),
]);
const StoredState = z.object({
  versions: z.object({
    profile: z.string().optional(),
    consent: z.record(z.string(), z.string()),
    vehicles: z.record(z.string(), z.string()),
    complaintsOpened: z.record(z.string(), z.string()),
    complaintsClosed: z.record(z.string(), z.string()),
    visits: z.record(z.string(), z.object({ version: z.string(), visit: ServiceVisit })),
    // Absent on state items written before these events were applied.
    appointments: z
      .record(
        z.string(),
        z.object({
          version: z.string(),
          startVersion: z.string(),
          startsAt: z.string(),
          status: z.enum(['booked', 'cancelled']),
          bookingVersion: z.string().optional(),
          dealerId: z.string().optional(),
          vin: z.string().optional(),
          purpose: z.string().optional(),
        }),
      )
      .default({}),
    surveys: z
      .record(
        z.string(),
        z.object({
          version: z.string(),
          survey: z.object({ score: z.number(), comment: z.string().optional(), repairOrder: z.string().optional(), submittedAt: z.string() }),
        }),
      )
      .default({}),
    referrals: z
      .record(z.string(), z.object({ version: z.string(), referral: z.object({ referredCustomerId: z.string().optional(), recordedAt: z.string() }) }))
      .default({}),
  }),
  pending: z.array(z.object({ tenant: StoredTenant, event: DealerEvent })),
});

function parse<T>(schema: z.ZodType<T>, item: Record<string, unknown>): T {
  const parsed = schema.safeParse(item);
  if (!parsed.success) throw new CorruptItemError(`Item ${String(item[attr.pk])}/${String(item[attr.sk])} does not match its schema`, { cause: parsed.error });
  return parsed.data;
}

/**
 * A customer's record (profile range, as the import writes it) and the event consumer's state
 * item beside it. Saving writes the record first and the state item after: a crash between the
 * two re-applies the events on redelivery, which changes nothing a second time.
 */
export function createDynamoCustomerEventStore(client: DynamoDBDocumentClient, tableName: string): CustomerEventStore {
  const records = createDynamoCustomerStore(client, tableName);
  return {
    async load(customerId) {
      const [partition, stateItem] = await Promise.all([
        readCustomerPartition(client, tableName, customerId, { consistent: true }),
        client.send(new GetCommand({ TableName: tableName, Key: customerEventStateKey(customerId), ConsistentRead: true })),
      ]);
      const stored = stateItem.Item ? parse(StoredState, stateItem.Item) : { versions: noVersions(), pending: [] };
      return {
        record: partition
          ? {
              customer: parse(Customer, partition.profile),
              vehicles: partition.vehicles.map((item) => parse(Vehicle, item)),
              visits: partition.visits.map((item) => parse(ServiceVisit, item)),
              complaints: partition.complaints.map((item) => parse(Complaint, item)),
            }
          : undefined,
        versions: stored.versions,
        pending: stored.pending,
      };
    },

    async save(customerId, state) {
      if (state.record) await records.saveCustomers([state.record]);
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...customerEventStateKey(customerId), type: itemType.eventState, versions: state.versions, pending: state.pending },
        }),
      );
    },
  };
}
