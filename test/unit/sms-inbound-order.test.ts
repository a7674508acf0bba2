import { describe, expect, it } from 'vitest';
import { createMemorySuppressionList } from '../../shared/adapters/memory/suppression-list';
import { handleInboundSms } from '../../shared/use-cases/sms-inbound';

const number = '+447911123456';

function world() {
  const suppressions = createMemorySuppressionList();
  const providerList: string[] = [];
  const deps = {
    phones: { customersWithPhone: async (e164: string) => (e164 === number ? ['ann'] : []) },
    suppressions,
    optOuts: { optOut: async (e164: string) => void providerList.push(`opt-out ${e164}`), optIn: async (e164: string) => void providerList.push(`opt-in ${e164}`) },
  };
  const sms = (text: string, at: string) => handleInboundSms({ from: number, text, receivedAt: new Date(at) }, deps);
  const stopped = async () => (await suppressions.listForCustomer('ann')).some((entry) => entry.liftedAt === undefined);
  return { sms, stopped, providerList };
}

describe('an SMS STOP and START that arrive out of order', () => {
  it('keeps the customer reachable when the START said after the STOP arrives first', async () => {
    const { sms, stopped, providerList } = world();

    await sms('START', '2026-03-15T10:00:00Z');
    await sms('STOP', '2026-03-15T09:00:00Z');

    expect(await stopped()).toBe(false);
    expect(providerList.at(-1)).toBe(`opt-in ${number}`);
  });

  it('keeps the customer stopped when the STOP said after the START arrives first', async () => {
    const { sms, stopped, providerList } = world();
    await sms('STOP', '2026-03-14T09:00:00Z');

    await sms('STOP', '2026-03-15T10:00:00Z');
    await sms('START', '2026-03-15T09:00:00Z');

    expect(await stopped()).toBe(true);
    expect(providerList.at(-1)).toBe(`opt-out ${number}`);
  });

  it('acts on keywords in order as before', async () => {
    const { sms, stopped, providerList } = world();

    await sms('STOP', '2026-03-15T09:00:00Z');
    const afterStop = await stopped();
    await sms('START', '2026-03-15T10:00:00Z');

    expect([afterStop, await stopped()]).toEqual([true, false]);
    expect(providerList).toEqual([`opt-out ${number}`, `opt-in ${number}`]);
  });
});
