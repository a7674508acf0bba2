import { describe, expect, it } from 'vitest';
import { ledgerMayMatter } from '../../shared/adapters/dynamodb/due-index-console-slice';

// The calendar of 14 March 2026 (UTC) keeps occurrences from 12 March on; 15 March is the latest
// local date current anywhere at its run.
const handledFrom = '2026-03-12';
const plannedTo = '2026-03-15';

describe("which customers' ledger ranges the calendar job reads", () => {
  it('reads the range of an entry without the date of its move (filed since, or moved before entries held it)', () => {
    expect(ledgerMayMatter({ dueDate: '2026-05-01' }, handledFrom, plannedTo)).toBe(true);
  });

  it('reads the range of a customer moved on a day the calendar keeps occurrences of', () => {
    expect(ledgerMayMatter({ dueDate: '2026-05-01', movedOn: '2026-03-12' }, handledFrom, plannedTo)).toBe(true);
    expect(ledgerMayMatter({ dueDate: '2027-03-14', movedOn: '2026-03-15' }, handledFrom, plannedTo)).toBe(true);
  });

  it('reads the range of a customer moved long ago whose own date is kept and may already have been planned (claims made since the move)', () => {
    expect(ledgerMayMatter({ dueDate: '2026-03-12', movedOn: '2026-02-01' }, handledFrom, plannedTo)).toBe(true);
    expect(ledgerMayMatter({ dueDate: '2026-03-15', movedOn: '2026-02-01' }, handledFrom, plannedTo)).toBe(true);
  });

  it('skips the range of a customer moved before the days kept, whose date is not yet planned anywhere or is before the days kept', () => {
    expect(ledgerMayMatter({ dueDate: '2026-03-16', movedOn: '2026-03-11' }, handledFrom, plannedTo)).toBe(false);
    expect(ledgerMayMatter({ dueDate: '2026-04-22', movedOn: '2026-02-01' }, handledFrom, plannedTo)).toBe(false);
    // Left under a date an evaluation missed: what it claims late there is keyed by that date, not kept.
    expect(ledgerMayMatter({ dueDate: '2026-03-11', movedOn: '2026-02-01' }, handledFrom, plannedTo)).toBe(false);
  });
});
