import { createHash } from 'node:crypto';
import * as z from 'zod';
import { fieldIssues, type FieldIssue } from '../domain/customer';
import { DealerEvent, subjectOf } from '../domain/events/event';
import type { QueuedEvent } from '../domain/events/state';
import { tenantId, tenantReaches, type Tenant } from '../domain/tenant';
import type { Tombstones } from '../ports/erasure';
import type { DealerLookup, EventIntake, EventQueue } from '../ports/events';

/** Most events in one request (the contract's limit; the byte limit is the handler's). */
export const maxEventsPerRequest = 100;

/** A batch request: `{"events": [...]}`; its events are checked one by one afterwards. */
export const EventBatch = z.strictObject({ events: z.array(z.unknown()).min(1).max(maxEventsPerRequest) });

/** The events of a body: one event (any object without `events`) or a batch. */
function eventsOf(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidEventsRequestError([{ path: 'body', message: 'expected an event object or {"events": [...]}' }]);
  }
  if (!('events' in body)) return [body];
  const batch = EventBatch.safeParse(body);
  if (!batch.success) throw new InvalidEventsRequestError(fieldIssues(batch.error, ['body']));
  return batch.data.events;
}

export type EventResult =
  | { id: string | null; status: 'accepted' | 'duplicate' }
  | { id: string | null; status: 'rejected'; errors: FieldIssue[] };

export class InvalidEventsRequestError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super('The request body is not one event or {"events": [...]}.');
    this.name = 'InvalidEventsRequestError';
  }
}

/** Canonical JSON (sorted keys) of the parsed event: the same event reads the same whatever its key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, field]) => `${JSON.stringify(key)}:${canonical(field)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface ReceiveEventsDeps {
  intake: EventIntake;
  queue: EventQueue;
  dealers: DealerLookup;
  tombstones: Tombstones;
}

/**
 * `POST /v1/events`: checks each event on its own (a bad one is rejected, the others go on),
 * takes each (tenant, id) once with a conditional write, and queues the accepted ones before
 * answering, so a 202 means every accepted event is durably queued. The same id with the same
 * event again is `duplicate` (re-queued if an earlier attempt stopped before queueing it); with
 * another event, `rejected` as a conflict.
 *
 * An event about an erased customer is answered `accepted` and neither stored nor queued.
 *
 * An event about another tenant's customer is accepted like one about an unknown customer and
 * ignored when applied: the answer never tells whether a customer exists. Only what the body
 * itself says is checked here: an upsert naming a dealer the key does not reach is rejected.
 *
 * @throws InvalidEventsRequestError when the body is neither an event nor `{"events": [...]}`.
 */
export async function receiveEvents(body: unknown, tenant: Tenant, now: Date, deps: ReceiveEventsDeps): Promise<EventResult[]> {
  const items = eventsOf(body);
  const parsed = items.map((item) => DealerEvent.safeParse(item));
  const upsertDealers = parsed.flatMap((result) => (result.success && result.data.type === 'customer.upserted' ? [result.data.data.dealerId] : []));
  const dealers = upsertDealers.length > 0 ? await deps.dealers.dealers(upsertDealers) : new Map();
  const erased = await deps.tombstones.erasedAmong([...new Set(parsed.flatMap((result) => (result.success ? [subjectOf(result.data)] : [])))]);
  const tenantKey = tenantId(tenant);

  const results: EventResult[] = [];
  const toQueue: QueuedEvent[] = [];
  for (const [index, result] of parsed.entries()) {
    const raw = items[index] as { id?: unknown } | null;
    const id = typeof raw === 'object' && raw !== null && typeof raw.id === 'string' ? raw.id : null;
    if (!result.success) {
      results.push({ id, status: 'rejected', errors: fieldIssues(result.error) });
      continue;
    }
    const event = result.data;
    if (event.type === 'customer.upserted' && !tenantReaches(tenant, dealers.get(event.data.dealerId))) {
      // Same words for an unknown dealer and another tenant's: the answer reveals neither.
      results.push({ id, status: 'rejected', errors: [{ path: 'data.dealerId', message: 'not a dealer this key may write for' }] });
      continue;
    }
    if (erased.has(subjectOf(event))) {
      // Nothing about an erased customer is stored again (the intake record holds the event's
      // data); the answer is the one an unknown customer gets, so it reveals nothing.
      results.push({ id, status: 'accepted' });
      continue;
    }
    const fingerprint = createHash('sha256').update(canonical(event)).digest('hex');
    const claim = await deps.intake.claim({ tenant: tenantKey, eventId: event.id, fingerprint, event, receivedAt: now.toISOString(), status: 'received' });
    if (claim.claimed) {
      results.push({ id, status: 'accepted' });
      toQueue.push({ tenant, event });
    } else if (claim.existing.fingerprint !== fingerprint) {
      results.push({ id, status: 'rejected', errors: [{ path: 'id', message: 'conflict: this id was already used for a different event' }] });
    } else {
      results.push({ id, status: 'duplicate' });
      if (claim.existing.status === 'received' && !toQueue.some((queued) => queued.event.id === event.id)) toQueue.push({ tenant, event });
    }
  }
  if (toQueue.length > 0) {
    await deps.queue.enqueue(toQueue);
    await deps.intake.markQueued(tenantKey, toQueue.map((queued) => queued.event.id));
  }
  return results;
}
