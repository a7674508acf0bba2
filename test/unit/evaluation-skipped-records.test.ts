import { describe, expect, it } from 'vitest';
import { customerFacts } from '../../shared/domain/customer-facts';
import type { SkippedRecord } from '../../shared/ports/customers';
import type { DueIndex } from '../../shared/ports/due-index';
import { runScheduledEvaluation } from '../../shared/use-cases/run-scheduled-evaluation';
import { aBirthdayJourney, aCustomer } from '../helpers/factories';
import { createMemoryDispatchQueue } from '../../shared/adapters/memory/dispatch-queue';
import { createMemoryLedger } from '../../shared/adapters/memory/ledger';

const noon = new Date('2026-03-14T12:00:00Z');
const badRecord: SkippedRecord = { record: '0123456789ab', issues: [{ path: 'timeZone', message: 'expected an IANA time zone such as Asia/Shanghai' }] };

function dueIndexReading(read: Awaited<ReturnType<DueIndex['readDue']>>): DueIndex {
  return {
    async readDue() {
      return read;
    },
    async fileCustomers() {},
    async advance() {},
  };
}

describe('runScheduledEvaluation with invalid stored records', () => {
  it('plans the valid candidates, counts the skipped records and reports each one', async () => {
    const good = customerFacts({ customer: aCustomer({ id: 'good' }), vehicles: [], visits: [], complaints: [] });
    const dueIndex = dueIndexReading({ due: [{ ...good, dueDate: '2026-03-14' }], skipped: [badRecord] });
    const queue = createMemoryDispatchQueue();
    const reported: SkippedRecord[] = [];

    const summary = await runScheduledEvaluation(
      { now: noon },
      { journeys: [aBirthdayJourney()], dueIndex, ledger: createMemoryLedger(), queue, onSkippedRecord: (skipped) => reported.push(skipped) },
    );

    expect(summary).toMatchObject({ candidates: 1, skippedRecords: 1, started: 1 });
    expect(queue.messages.every((message) => message.customerId === 'good')).toBe(true);
    expect(reported).toEqual([badRecord]);
  });
});
