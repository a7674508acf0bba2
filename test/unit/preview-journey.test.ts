import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPdfPrintRenderer } from '../../shared/adapters/print/pdf-print-renderer';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import type { JourneyConfig } from '../../shared/config/journey-config';
import { Template } from '../../shared/domain/journey/schema';
import { smsLength } from '../../shared/domain/sms';
import { brandsOf, NoOccurrenceError, previewJourney, previewUnsubscribeUrl, type PreviewContent, type PreviewedMessage } from '../../shared/use-cases/preview-journey';
import { inspectPdf } from '../helpers/inspect-pdf';
import { aBrand, aCustomerContext, aDealer, aVehicle, aVisit } from '../helpers/factories';
import { journeyIn, shippedJourneysDir } from '../helpers/shipped-journeys';

const FONT = fileURLToPath(new URL('../../journeys/assets/fonts/NotoSansSC-Regular.ttf', import.meta.url));
const renderer = createPdfPrintRenderer(FONT, { now: () => new Date('2026-03-14T00:00:00Z') });
const renderPdf = (piece: Parameters<typeof renderer.renderPrintPiece>[0]) => renderer.renderPrintPiece(piece);

let config: JourneyConfig;
beforeAll(async () => {
  config = await loadJourneyConfig(shippedJourneysDir);
});

/** The rendered content of one step, failing the test with the step's error when it has one. */
function contentOf<C extends PreviewContent['channel']>(messages: PreviewedMessage[], stepId: string, channel: C): Extract<PreviewContent, { channel: C }> {
  const message = messages.find((each) => each.stepId === stepId);
  if (!message) throw new Error(`no step ${stepId}`);
  if (!message.ok) throw new Error(`step ${stepId} failed: ${message.error}`);
  expect(message.content.channel).toBe(channel);
  return message.content as Extract<PreviewContent, { channel: C }>;
}

describe('previewJourney', () => {
  it('renders the birthday email, SMS and card for the occurrence on or after the date, the card three days ahead with one candle per year', async () => {
    const context = aCustomerContext({ birthDate: '1980-03-14' });

    const messages = await previewJourney({ journey: journeyIn(config, 'birthday'), templates: config.templates, context, date: '2026-03-01' }, { renderPdf });

    expect(messages.map(({ stepId, channel, sendDate, locale, notices }) => ({ stepId, channel, sendDate, locale, notices }))).toEqual([
      { stepId: 'email', channel: 'email', sendDate: '2026-03-14', locale: 'en', notices: [] },
      { stepId: 'sms', channel: 'sms', sendDate: '2026-03-14', locale: 'en', notices: [] },
      { stepId: 'card', channel: 'print', sendDate: '2026-03-11', locale: 'en', notices: [] },
    ]);
    expect(messages[0]!.occurrence).toEqual({ date: '2026-03-14', key: '2026', facts: {} });
    const email = contentOf(messages, 'email', 'email');
    expect(email.subject).toContain('Ms Lee');
    expect(email.html).toContain('Pudong Premium Motors');
    expect(email.text).toContain(previewUnsubscribeUrl);
    expect(email.headers?.['List-Unsubscribe']).toBe(`<${previewUnsubscribeUrl}>`);
    const sms = contentOf(messages, 'sms', 'sms');
    expect(sms).toEqual({ channel: 'sms', text: 'Happy 46th birthday, Ms Lee! Best wishes from all of us at Pudong Premium Motors.', segments: 1, encoding: 'GSM-7', to: '+447911123456' });
    const card = contentOf(messages, 'card', 'print');
    expect(card.age).toBe(46);
    expect(card.piece?.recipient.name).toBe('Ms Ann Lee');
    const pdf = await inspectPdf(card.pdf!);
    expect(pdf.drawnCandles).toBe(46);
  });

  it('counts the segments of a Chinese SMS in UCS-2', async () => {
    const context = aCustomerContext({ birthDate: '1990-06-01', locale: 'zh-CN', firstName: '伟', lastName: '王', salutation: 'mr' });

    const messages = await previewJourney({ journey: journeyIn(config, 'birthday'), templates: config.templates, context, date: '2026-03-14' });

    const sms = contentOf(messages, 'sms', 'sms');
    expect(messages[1]!.locale).toBe('zh-CN');
    expect(sms.text).toBe('王先生，祝您36岁生日快乐！Pudong Premium Motors全体同仁敬上。');
    expect(sms.encoding).toBe('UCS-2');
    expect(sms.segments).toBe(1);
    // Without a renderer the card has its text and addressed piece, but no PDF.
    expect(contentOf(messages, 'card', 'print').pdf).toBeUndefined();
  });

  it('renders the service-due SMS and email with the service the trigger finds due, two weeks ahead', async () => {
    const context = aCustomerContext({}, [aVehicle({ deliveredOn: '2024-01-01', fuel: 'petrol', model: 'X3' })]);
    context.visits = [aVisit({ on: '2025-03-14', odometerKm: undefined, work: ['oil-service', 'regular-service'] })];

    const messages = await previewJourney({ journey: journeyIn(config, 'service-due'), templates: config.templates, context, date: '2026-02-01' });

    expect(messages[0]!.occurrence).toMatchObject({ date: '2026-02-28', facts: { service: 'oil-service', dueDate: '2026-03-14', model: 'X3' } });
    const sms = contentOf(messages, 'sms', 'sms');
    expect(sms.text).toBe('Ms Lee, your X3 is due its oil service on 2026-03-14. Book with Pudong Premium Motors: +86 21 5555 0100.');
    expect(sms.segments).toBe(smsLength(sms.text).segments);
    expect(contentOf(messages, 'email', 'email').subject).not.toBe('');
    // A service message is not promotional: no List-Unsubscribe header.
    expect(contentOf(messages, 'email', 'email').headers).toBeUndefined();
  });

  it('shows a template that cannot render for this customer as that step\'s error, and still renders the others', async () => {
    const broken = Template.parse({ channel: 'sms', locales: { en: { text: 'Hi {{ customer.nickname }}' } } });
    const templates = new Map([...config.templates, ['birthday-sms', broken]]);

    const messages = await previewJourney({ journey: journeyIn(config, 'birthday'), templates, context: aCustomerContext(), date: '2026-03-14' });

    const sms = messages.find((message) => message.stepId === 'sms')!;
    expect(sms.ok).toBe(false);
    expect(!sms.ok && sms.error).toMatch(/cannot render text: .*nickname/);
    expect(contentOf(messages, 'email', 'email').subject).toContain('Ms Lee');
    expect(contentOf(messages, 'card', 'print').headline).not.toBe('');
  });

  it('names a missing template in that step\'s error', async () => {
    const templates = new Map([...config.templates].filter(([name]) => name !== 'birthday-email'));

    const messages = await previewJourney({ journey: journeyIn(config, 'birthday'), templates, context: aCustomerContext(), date: '2026-03-14' });

    expect(messages[0]).toMatchObject({ stepId: 'email', ok: false, error: 'no email template "birthday-email"' });
    expect(messages[1]!.ok).toBe(true);
  });

  it('says why a customer would not get a step: no consent, an SMS over the cap, an incomplete address', async () => {
    const context = aCustomerContext({ consent: {}, postalAddress: { lines: ['1 High Street'], postcode: ' ', city: 'London', country: 'GB' } });
    const long = Template.parse({ channel: 'sms', locales: { en: { text: 'x'.repeat(500) } } });
    const templates = new Map([...config.templates, ['birthday-sms', long]]);

    const messages = await previewJourney({ journey: journeyIn(config, 'birthday'), templates, context, date: '2026-03-14' }, { renderPdf });

    expect(messages[0]!.notices).toEqual(['not sent to this customer by email: no consent or no email address on file']);
    expect(messages[1]!.notices).toContain('dispatch would refuse it: SMS text needs 4 GSM-7 segments, over the cap of 3');
    expect(messages[2]!.notices).toContain('would not be printed: incomplete-address: no postcode');
    const card = contentOf(messages, 'card', 'print');
    expect(card.age).toBe(46);
    expect(card.piece).toBeUndefined();
    expect(card.pdf).toBeUndefined();
  });

  it('names the fallback dispatch would take for a step the customer cannot get, and says when the journey is disabled', async () => {
    const birthday = journeyIn(config, 'birthday');
    const journey = { ...birthday, enabled: false, steps: birthday.steps.map((step) => (step.id === 'sms' ? { ...step, fallback: { channel: 'email' as const, template: 'birthday-email' } } : step)) };
    const { sms: _withdrawn, ...consent } = aCustomerContext().customer.consent;

    const messages = await previewJourney({ journey, templates: config.templates, context: aCustomerContext({ consent }), date: '2026-03-14' });

    expect(messages[1]!.notices).toEqual([
      'journey "birthday" is disabled (enabled: false): nobody gets it until it is enabled',
      'not sent to this customer by sms: no consent or no phone number on file; dispatch would send the fallback instead (email, template "birthday-email")',
    ]);
  });

  it('previews a customer outside the audience, saying they would not get it', async () => {
    const messages = await previewJourney({ journey: journeyIn(config, 'birthday'), templates: config.templates, context: aCustomerContext({ stage: 'prospect' }), date: '2026-03-14' });

    expect(messages[0]!.notices[0]).toMatch(/outside the journey's audience \(stages: owner, loyal-owner, ambassador\)/);
    expect(messages[0]!.ok).toBe(true);
  });

  it('throws NoOccurrenceError with the reason when the journey never fires for the customer', async () => {
    const { birthDate: _none, ...customer } = aCustomerContext().customer;

    const preview = previewJourney({ journey: journeyIn(config, 'birthday'), templates: config.templates, context: { ...aCustomerContext(), customer }, date: '2026-03-14' });

    await expect(preview).rejects.toThrow(NoOccurrenceError);
    await expect(preview).rejects.toThrow(/never fires for customer c-0001 on or after 2026-03-14/);
  });

  it('says so when the first occurrence is more than a year after the date', async () => {
    // Three years of ownership from January 2026: the invitation comes in 2029.
    const readings = [{ on: '2026-01-10', km: 0 }, { on: '2026-03-10', km: 3000 }];
    const context = aCustomerContext({}, [aVehicle({ deliveredOn: '2026-01-10', odometerReadings: readings })]);

    const messages = await previewJourney({ journey: journeyIn(config, 'trade-in-invitation'), templates: config.templates, context, date: '2026-03-14' });

    expect(messages[0]!.notices.join('\n')).toMatch(/does not fire for customer c-0001 within a year of 2026-03-14: its first occurrence is on 2029-01-10/);
  });

  it('renders a task with its due day', async () => {
    const context = aCustomerContext({}, [aVehicle({ deliveredOn: '2026-03-01' })]);

    const messages = await previewJourney({ journey: journeyIn(config, 'post-delivery-call'), templates: config.templates, context, date: '2026-03-14' });

    const task = contentOf(messages, 'call', 'task');
    expect(messages[0]!.occurrence.date).toBe('2026-03-16');
    expect(task.title).not.toBe('');
    expect(task.dueOn > '2026-03-16').toBe(true);
    expect(task).toMatchObject({ urgency: 'normal', assignee: 'dealer' });
  });

  it('signs a brand-sent journey with the dealer\'s brand when given, and shows dispatch\'s reason without it', async () => {
    const context = { ...aCustomerContext({}, [aVehicle({ deliveredOn: '2026-03-10' })]), dealer: aDealer({ brandId: 'brand-cn' }) };
    const journey = journeyIn(config, 'welcome-pack');

    const signed = await previewJourney({ journey, templates: config.templates, context, date: '2026-03-10', brands: brandsOf([aBrand()]) });
    const unsigned = await previewJourney({ journey, templates: config.templates, context, date: '2026-03-10' });

    expect(contentOf(signed, 'letter', 'print').piece?.sender.name).toBe('Bavaria Motors Customer Centre');
    expect(unsigned[0]).toMatchObject({ ok: false, error: 'brand-missing: brand brand-cn of dealer dealer-sh is not stored' });
  });

  it('previews a journey started by dealer events on the date with sample event facts, and says so', async () => {
    const messages = await previewJourney({ journey: journeyIn(config, 'appointment-reminders'), templates: config.templates, context: aCustomerContext(), date: '2026-03-14' });

    expect(messages[0]!.occurrence).toMatchObject({ date: '2026-03-14', facts: { appointmentTime: '10:30' } });
    expect(messages[0]!.notices.join('\n')).toMatch(/started by dealer events \(appointment\)/);
    expect(messages.every((message) => message.ok)).toBe(true);
  });
});
