import type { JourneyStep } from './schema';

/** Steps of a journey that go out on the same day relative to the occurrence. */
export interface StepGroup {
  offsetDays: number;
  steps: JourneyStep[];
}

/** A journey's steps grouped by offset, the day itself first, then in order of the day they go out. */
export function stepGroupsOf(steps: readonly JourneyStep[]): StepGroup[] {
  const byOffset = new Map<number, JourneyStep[]>();
  for (const step of steps) byOffset.set(step.offsetDays, [...(byOffset.get(step.offsetDays) ?? []), step]);
  return [...byOffset]
    .sort(([a], [b]) => (a === 0 ? -1 : b === 0 ? 1 : a - b))
    .map(([offsetDays, grouped]) => ({ offsetDays, steps: grouped }));
}

/**
 * The ledger's key for the steps of one occurrence that go out on one day (or, for a journey
 * started by an event, at one hour offset): the unit claimed once and reconciled as a whole.
 * The one place it is built.
 *
 * Steps on the occurrence's own day use the occurrence key as it is, so occurrences claimed before
 * journeys had steps stay handled. Steps on another day are keyed by their ids, not their offset,
 * so a marketer moving the card from 3 to 5 days ahead does not send it twice.
 *
 * @example ledgerUnitKey('2026', { offsetDays: -3, steps: [card] }) // '2026/card'
 */
export function ledgerUnitKey(occurrenceKey: string, group: Pick<StepGroup, 'steps'> & { offsetDays?: number; offsetHours?: number }): string {
  if (!group.offsetDays && !group.offsetHours) return occurrenceKey;
  return `${occurrenceKey}/${group.steps.map((step) => step.id).join('+')}`;
}
