import { describe, expect, it } from 'vitest';
import type { CustomerDirectory, SkippedRecord } from '../../shared/ports/customers';
import { runScheduledEvaluation } from '../../shared/use-cases/run-scheduled-evaluation';
import { aBirthdayJourney, aCustomer } from '../helpers/factories';
import { fakeLedger, fakeQueue } from '../helpers/fakes';

const noon = new Date('2026-03-14T12:00:00Z');
const badRecord: SkippedRecord = { record: '0123456789ab', issues: [{ path: 'timeZone', message: 'expected an IANA time zone such as Asia/Shanghai' }] };

function directoryWith(read: Awaited<ReturnType<CustomerDirectory['findByBirthdayMonthDays']>>): CustomerDirectory & { asOf: string[] } {
  const asOf: string[] = [];
  return {
    asOf,
    async findByBirthdayMonthDays(_monthDays, date) {
      asOf.push(date);
      return read;
    },
    async getCustomerContext() {
      return undefined;
    },
  };
}

describe('runScheduledEvaluation with invalid stored records', () => {
  it('plans the valid candidates, counts the skipped records and reports each one', async () => {
    const customers = directoryWith({ customers: [aCustomer({ id: 'good' })], skipped: [badRecord] });
    const queue = fakeQueue();
    const reported: SkippedRecord[] = [];

    const summary = await runScheduledEvaluation(
      { now: noon },
      { journeys: [aBirthdayJourney()], customers, ledger: fakeLedger(), queue, onSkippedRecord: (skipped) => reported.push(skipped) },
    );

    expect(summary).toMatchObject({ candidates: 1, skippedRecords: 1, started: 1 });
    expect(queue.messages.every((message) => message.customerId === 'good')).toBe(true);
    expect(reported).toEqual([badRecord]);
  });

  it('judges birth dates against the latest date current anywhere, so a birth today in Auckland is not in the future', async () => {
    const customers = directoryWith({ customers: [], skipped: [] });

    await runScheduledEvaluation({ now: noon }, { journeys: [aBirthdayJourney()], customers, ledger: fakeLedger(), queue: fakeQueue() });
    await runScheduledEvaluation({ now: noon, onDate: '2026-03-14' }, { journeys: [aBirthdayJourney()], customers, ledger: fakeLedger(), queue: fakeQueue() });

    expect(customers.asOf).toEqual(['2026-03-15', '2026-03-14']);
  });
});
