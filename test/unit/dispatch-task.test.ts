import { describe, expect, it } from 'vitest';
import { canContact, Dealer } from '../../shared/domain/customer';
import type { DispatchMessage } from '../../shared/domain/dispatch-message';
import { PermanentDeliveryError, TransientDeliveryError } from '../../shared/domain/errors';
import { Template } from '../../shared/domain/journey/schema';
import { dispatchMessage, type DispatchDeps } from '../../shared/use-cases/dispatch-message';
import { aCustomer, aCustomerContext, aDealer, aVehicle } from '../helpers/factories';
import { fakeDirectory, recordingChannels } from '../helpers/fakes';
import { createMemoryLedger } from '../../shared/adapters/memory/ledger';
import type { CustomerContext } from '../../shared/domain/customer';

const noon = new Date('2026-03-14T12:00:00Z');
const withdrawn = { granted: false, source: 'unsubscribe', at: '2025-01-01T00:00:00Z' };

const callTemplate = Template.parse({
  channel: 'task',
  dueInDays: 3,
  locales: {
    en: { title: 'Call {{ customer.greetingName }} about their new {{ vehicle.model }}', body: 'Ask {{ customer.firstName }} how the {{ vehicle.brand }} is going.' },
    'zh-CN': { title: '致电{{ customer.greetingName }}，了解新车{{ vehicle.model }}', body: '询问用车体验。' },
  },
});

const aTaskMessage = (overrides: Partial<DispatchMessage> = {}): DispatchMessage => ({
  version: 1,
  journeyId: 'post-delivery-call',
  occurrenceKey: 'WBA11AA010CH00001',
  occurrenceDate: '2026-03-14',
  customerId: 'c-0001',
  messageId: 'call',
  channel: 'task',
  template: 'post-delivery-call',
  ...overrides,
});

const withCrm = (context: CustomerContext, crmWebhookUrl = 'https://crm.pudong-motors.example/hooks/tasks'): CustomerContext => ({
  ...context,
  dealer: aDealer({ crmWebhookUrl }),
});

function dispatchDeps(contexts: CustomerContext[]): DispatchDeps & ReturnType<typeof recordingChannels> & { ledger: ReturnType<typeof createMemoryLedger> } {
  return {
    templates: new Map([['post-delivery-call', callTemplate]]),
    customers: fakeDirectory(contexts),
    ledger: createMemoryLedger(),
    leaseSeconds: 90,
    clock: () => noon,
    outcomeWrites: { sleep: async () => {} },
    ...recordingChannels(),
  };
}

const openTasks = (deps: DispatchDeps, dealerId = 'dealer-sh') => deps.tasks.listTasks({ dealerId, status: 'open', limit: 100 });

describe('dispatching a task', () => {
  it("needs no consent, only a dealer: the task goes to the dealer's staff", () => {
    const noConsentAtAll = aCustomer({ consent: { email: withdrawn, sms: withdrawn, print: withdrawn } });

    expect(canContact(noConsentAtAll, 'task')).toBe(true);
    expect(canContact({ ...noConsentAtAll, dealerId: '' }, 'task')).toBe(false);
  });

  it("writes an open task for the dealer, rendered in the customer's language, due the template's days later", async () => {
    const deps = dispatchDeps([aCustomerContext({ consent: {} }, [aVehicle({ brand: 'BMW', model: 'X3' })])]);

    const result = await dispatchMessage(aTaskMessage(), deps);

    expect(result).toEqual({ outcome: 'sent', channel: 'task' });
    expect((await openTasks(deps)).tasks).toEqual([
      {
        id: 'c-0001#post-delivery-call#WBA11AA010CH00001#call',
        dealerId: 'dealer-sh',
        customerId: 'c-0001',
        journeyId: 'post-delivery-call',
        occurrenceKey: 'WBA11AA010CH00001',
        messageId: 'call',
        status: 'open',
        occurrenceDate: '2026-03-14',
        dueOn: '2026-03-17',
        urgency: 'normal',
        assignee: 'dealer',
        locale: 'en',
        title: 'Call Ms Lee about their new X3',
        body: 'Ask Ann how the BMW is going.',
        createdAt: noon.toISOString(),
      },
    ]);
    expect(deps.taskWebhook.delivered).toEqual([]);
    expect(deps.ledger.storedSends()[0]?.status).toBe('sent');
  });

  it("grades the task by its occurrence's urgency and assignee, still listed under the customer's dealer", async () => {
    const deps = dispatchDeps([aCustomerContext({ consent: {} })]);

    await dispatchMessage(aTaskMessage({ journeyId: 'low-score-follow-up', occurrenceKey: 'SV-1', facts: { urgency: 'high', assignee: 'brand', surveyScore: 0 } }), deps);

    expect((await openTasks(deps)).tasks).toMatchObject([{ journeyId: 'low-score-follow-up', dealerId: 'dealer-sh', urgency: 'high', assignee: 'brand' }]);
  });

  it('counts a due date in working days when the template says so, skipping the weekend', async () => {
    const deps = dispatchDeps([aCustomerContext({ consent: {} })]);
    deps.templates.set('post-delivery-call', Template.parse({ ...callTemplate, workingDays: true }));

    // Friday 13 March 2026: three working days later is Wednesday 18 March, not Monday 16.
    await dispatchMessage(aTaskMessage({ occurrenceDate: '2026-03-13' }), deps);

    expect((await openTasks(deps)).tasks).toMatchObject([{ dueOn: '2026-03-18' }]);
  });

  it('renders a Chinese-speaking customer\'s task in Chinese', async () => {
    const deps = dispatchDeps([aCustomerContext({ locale: 'zh-CN', firstName: '安', lastName: '李', salutation: 'ms' }, [aVehicle({ model: 'X3' })])]);

    await dispatchMessage(aTaskMessage(), deps);

    expect((await openTasks(deps)).tasks[0]).toMatchObject({ locale: 'zh-CN', title: '致电李女士，了解新车X3' });
  });

  it('writes the task once and posts it once when the message is delivered again', async () => {
    const deps = dispatchDeps([withCrm(aCustomerContext())]);

    const first = await dispatchMessage(aTaskMessage(), deps);
    const again = await dispatchMessage(aTaskMessage(), deps);

    expect([first.outcome, again.outcome]).toEqual(['sent', 'duplicate']);
    expect((await openTasks(deps)).tasks).toHaveLength(1);
    expect(deps.taskWebhook.delivered).toHaveLength(1);
  });

  it("posts the task to the dealer's CRM when one is configured", async () => {
    const deps = dispatchDeps([withCrm(aCustomerContext())]);

    const result = await dispatchMessage(aTaskMessage(), deps);

    expect(result).toEqual({ outcome: 'sent', channel: 'task', location: 'crm-webhook' });
    expect(deps.taskWebhook.delivered).toEqual([{ url: 'https://crm.pudong-motors.example/hooks/tasks', task: (await openTasks(deps)).tasks[0] }]);
  });

  it('keeps the task and retries the CRM post when the CRM is down, without a second task', async () => {
    const deps = dispatchDeps([withCrm(aCustomerContext())]);
    let calls = 0;
    deps.taskWebhook.deliverTask = async ({ task }) => {
      calls += 1;
      if (calls === 1) throw new TransientDeliveryError('the CRM webhook answered HTTP 503');
      return { deliveryId: task.id };
    };

    await expect(dispatchMessage(aTaskMessage(), deps)).rejects.toBeInstanceOf(TransientDeliveryError);
    // The lease of the failed attempt has run out when SQS delivers the message again.
    await deps.ledger.releaseSend({ customerId: 'c-0001', journeyId: 'post-delivery-call', occurrenceKey: 'WBA11AA010CH00001', messageId: 'call' });
    const retried = await dispatchMessage(aTaskMessage(), deps);

    expect(retried.outcome).toBe('sent');
    expect(calls).toBe(2);
    expect((await openTasks(deps)).tasks).toHaveLength(1);
  });

  it('records the send failed with the reason when the CRM refuses the task, and keeps it in the task list', async () => {
    const deps = dispatchDeps([withCrm(aCustomerContext())]);
    deps.taskWebhook.deliverTask = async () => {
      throw new PermanentDeliveryError('crm-webhook-rejected: HTTP 422');
    };

    const result = await dispatchMessage(aTaskMessage(), deps);

    expect(result).toEqual({ outcome: 'failed', channel: 'task', reason: 'crm-webhook-rejected: HTTP 422' });
    expect((await openTasks(deps)).tasks).toHaveLength(1);
  });
});

describe('task templates and the CRM webhook setting', () => {
  it("falls back to the English text for a locale the template lacks, and says so on the task", async () => {
    const englishOnly = Template.parse({ channel: 'task', locales: { en: { title: 'Call {{ customer.lastName }}', body: 'Ask about the car.' } } });
    const deps = dispatchDeps([aCustomerContext({ locale: 'zh-CN', firstName: '安', lastName: '李' })]);
    deps.templates.set('post-delivery-call', englishOnly);

    await dispatchMessage(aTaskMessage(), deps);

    expect((await openTasks(deps)).tasks[0]).toMatchObject({ locale: 'en', title: 'Call 李', dueOn: '2026-03-17' });
  });

  it('accepts only an https CRM webhook URL: the body carries customer data', () => {
    expect(Dealer.safeParse(aDealer({ crmWebhookUrl: 'https://crm.example/hooks' })).success).toBe(true);
    expect(Dealer.safeParse(aDealer({ crmWebhookUrl: 'http://crm.example/hooks' })).success).toBe(false);
    expect(Dealer.safeParse(aDealer({ crmWebhookUrl: 'not a url' })).success).toBe(false);
  });
});
