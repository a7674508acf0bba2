import type { JourneyConfig } from '../config/journey-config';
import type { Brand } from '../domain/brand';
import type { CustomerRecord, Dealer } from '../domain/customer';
import type { IsoDate } from '../domain/dates';
import type { SimulatedSend } from '../domain/simulated-send';
import type { SimulationSummary } from '../use-cases/simulate';
import { composeSimulation, type SimulationOptions } from './simulation';

/** The customers to simulate, with the brands and dealers they belong to. */
export interface SimulatedPopulation {
  brands: readonly Brand[];
  dealers: readonly Dealer[];
  /**
   * Read once, a group at a time: a generator need not hold them all. Handed over: each is stored
   * frozen in place, not copied (`SimulationOptions.handedOver`), so nothing may change them later.
   */
  customers: Iterable<CustomerRecord>;
  /** How many `customers` holds (for the progress over the whole run). */
  size: number;
}

/** Customers a group holds by default: a few seconds of a year each, a few hundred megabytes at most. */
export const defaultGroupSize = 5000;

export interface GroupedRunOptions extends Omit<SimulationOptions, 'handled' | 'handedOver'> {
  /** Customers per group (default {@link defaultGroupSize}). */
  groupSize?: number;
  /** Told after each simulated date of each group (for a progress line over the whole run). */
  onDate?: (done: number, total: number) => void;
}

/** The whole run's summary: the groups' added up (`ticks` counts each group's own). */
export interface GroupedRunSummary extends SimulationSummary {
  customers: number;
  groups: number;
}

/**
 * Simulates the population group by group: each group of customers (in the population's order)
 * through the whole period on a fresh simulation (`composeSimulation`), its sends handed to
 * `onSends`, and its state dropped before the next group is stored. Nothing the engine keeps is
 * shared between customers (each dispatch policy reads one customer's consent, contacts,
 * complaints and suppressions; dealers and brands are read, never changed), so a customer's sends
 * do not depend on who else is simulated, and memory is one group's whatever the population.
 *
 * `onSends` gets a group's sends customer by customer in the population's order, each customer's
 * in the order the engine claimed them: a run with everybody in one group, its sends put in the
 * same order, gives the same lines (test/unit/simulate.test.ts).
 */
export async function simulateInGroups(
  config: JourneyConfig,
  population: SimulatedPopulation,
  period: { from: IsoDate; to: IsoDate },
  onSends: (sends: SimulatedSend[]) => void | Promise<void>,
  { groupSize = defaultGroupSize, onDate, ...options }: GroupedRunOptions = {},
): Promise<GroupedRunSummary> {
  if (!Number.isInteger(groupSize) || groupSize < 1) throw new RangeError(`a group holds at least one customer, not ${groupSize}`);
  const expectedGroups = Math.ceil(population.size / groupSize);
  const summary: GroupedRunSummary = { customers: 0, groups: 0, dates: 0, ticks: 0, dispatched: 0, attemptsFailed: 0 };
  for (const members of chunks(population.customers, groupSize)) {
    const group = summary.groups;
    summary.groups += 1;
    const simulation = composeSimulation(config, { ...options, handedOver: true });
    await simulation.customers.store.saveBrands([...population.brands]);
    await simulation.customers.store.saveDealers([...population.dealers]);
    await simulation.customers.store.saveCustomers(members);
    const run = await simulation.run(period, onDate && ((done, total) => onDate(group * total + done, Math.max(expectedGroups, summary.groups) * total)));
    summary.customers += simulation.customers.size();
    summary.dates = run.dates;
    summary.ticks += run.ticks;
    summary.dispatched += run.dispatched;
    summary.attemptsFailed += run.attemptsFailed;
    await onSends(byCustomer(simulation.sends(), members));
  }
  return summary;
}

/** The items in arrays of `size` (the last one shorter), read as they are needed. */
function* chunks<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** The sends customer by customer in the order of `customers`, each customer's in the order given. */
export function byCustomer(sends: Iterable<SimulatedSend>, customers: readonly CustomerRecord[]): SimulatedSend[] {
  // A counting sort into one array: a list per customer, flattened, was two copies of every send.
  const placeOf = new Map<string, number>();
  for (let at = 0; at < customers.length; at += 1) placeOf.set(customers[at]!.customer.id, at);
  const all = [...sends];
  // Each send's customer's place; a customer not listed comes after those listed, in the order first met.
  const places = new Int32Array(all.length);
  const counts: number[] = new Array<number>(customers.length).fill(0);
  for (let at = 0; at < all.length; at += 1) {
    const id = all[at]!.customerId;
    let place = placeOf.get(id);
    if (place === undefined) {
      placeOf.set(id, (place = counts.length));
      counts.push(0);
    }
    places[at] = place;
    counts[place]! += 1;
  }
  // Where each customer's sends start, then each send put at its customer's next slot.
  let start = 0;
  for (let place = 0; place < counts.length; place += 1) {
    const count = counts[place]!;
    counts[place] = start;
    start += count;
  }
  const ordered = new Array<SimulatedSend>(all.length);
  for (let at = 0; at < all.length; at += 1) ordered[counts[places[at]!]!++] = all[at]!;
  return ordered;
}
