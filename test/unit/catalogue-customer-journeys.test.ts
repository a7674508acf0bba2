import { beforeAll, describe, expect, it } from 'vitest';
import type { JourneyConfig } from '../../shared/config/journey-config';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import type { Customer, Vehicle } from '../../shared/domain/customer';
import { dispatchMessagesOf } from '../../shared/domain/dispatch-message';
import { dueEntriesFor } from '../../shared/domain/journey/due-dates';
import type { DueOccurrence } from '../../shared/domain/journey/plan';
import type { Journey } from '../../shared/domain/journey/schema';
import { buildMessageContext } from '../../shared/domain/personalisation';
import { renderTemplateText } from '../../shared/domain/render';
import type { Complaint, ServiceVisit } from '../../shared/domain/service-history';
import type { CustomerFacts } from '../../shared/domain/triggers/kind';
import { aComplaint, aCustomerContext, aCustomerFacts, aVehicle, aVisit } from '../helpers/factories';
import { channelsOf, journeyIn, plannedAtNoon, shippedConfigWithEdit, shippedJourneysDir } from '../helpers/shipped-journeys';

// The customer-lifecycle journeys as shipped in journeys/ (dormant win-back, churn risk, loyalty
// review, Women's Day, Children's Day), loaded as `npm start` loads them.
const journeysDir = shippedJourneysDir;
let config: JourneyConfig;
beforeAll(async () => {
  config = await loadJourneyConfig(journeysDir);
});

const journey = (id: string, from: JourneyConfig = config): Journey => journeyIn(from, id);

/** What the journey plans for one customer at noon UTC on a date (noon in London, past every sendAt). */
const planned = (id: string, facts: CustomerFacts, date: string, from: JourneyConfig = config): DueOccurrence[] =>
  plannedAtNoon([journey(id, from)], facts, date);
const isDue = (id: string, facts: CustomerFacts, date: string, from?: JourneyConfig) => planned(id, facts, date, from).length > 0;
const datesDue = (id: string, facts: CustomerFacts, dates: string[], from?: JourneyConfig) => dates.filter((date) => isDue(id, facts, date, from));

const londoner = (customer: Partial<Customer> = {}, history: { vehicles?: Vehicle[]; visits?: ServiceVisit[]; complaints?: Complaint[] } = {}): CustomerFacts =>
  aCustomerFacts(customer, history.vehicles ?? [aVehicle({ deliveredOn: '2018-05-02' })], { visits: history.visits ?? [], complaints: history.complaints ?? [] });

/** The text a template renders for the first message of a due occurrence, in a locale. */
function rendered(due: DueOccurrence, template: string, field: string, locale: 'en' | 'zh-CN' = 'en'): string {
  const [message] = dispatchMessagesOf(due);
  const context = buildMessageContext(aCustomerContext({ locale }), message!.occurrenceDate, message!.facts);
  const locales = config.templates.get(template)!.locales as Record<string, Record<string, string>>;
  return renderTemplateText(locales[locale]![field]!, context, field, { escapeHtml: false });
}

const withEdited = shippedConfigWithEdit;

describe('dormant win-back', () => {
  const lapsed = londoner({}, { visits: [aVisit({ on: '2023-03-01' }), aVisit({ on: '2024-03-14' })] });

  it('goes out by email and SMS 24 months after the last visit, once for the spell, not the day before', () => {
    expect(datesDue('dormant-win-back', lapsed, ['2026-03-13', '2026-03-14', '2026-03-15'])).toEqual(['2026-03-14']);
    const due = planned('dormant-win-back', lapsed, '2026-03-14');
    expect(due).toMatchObject([{ occurrenceKey: '2024-03-14', category: 'promotional', facts: { lastVisitOn: '2024-03-14', monthsSinceLastVisit: 24 } }]);
    expect(channelsOf(due)).toEqual(['email', 'sms']);
    expect(rendered(due[0]!, 'dormant-win-back-email', 'text')).toContain('24 months since we last saw your X5 at our workshop, on 2024-03-14');
  });

  it('is a date the due index holds from the day the visit is written, with nothing else changing', () => {
    expect(dueEntriesFor(lapsed, [journey('dormant-win-back')], '2024-03-15')).toEqual([{ journeyId: 'dormant-win-back', dueDate: '2026-03-14' }]);
    expect(dueEntriesFor(lapsed, [journey('churn-risk'), journey('loyalty-review')], '2024-03-15')).toEqual([]);
  });

  it('leaves out a customer who visited inside the window', () => {
    const returned = londoner({}, { visits: [aVisit({ on: '2024-03-14' }), aVisit({ on: '2025-11-20' })] });

    expect(isDue('dormant-win-back', returned, '2026-03-14')).toBe(false);
  });

  it('moves when the months change in the YAML text', async () => {
    const edited = await withEdited('dormant-win-back.yaml', 'months: 24', 'months: 18');

    expect(datesDue('dormant-win-back', lapsed, ['2025-09-14', '2026-03-14'], edited)).toEqual(['2025-09-14']);
  });
});

describe('churn risk', () => {
  const atRisk = londoner({}, { visits: [aVisit({ on: '2026-01-13' })], complaints: [aComplaint({ reference: 'SYD-7731', openedOn: '2026-01-15' })] });

  it("is a task for the customer-relations manager with the complaint's reference, 60 days after the last visit, not the day before", () => {
    expect(datesDue('churn-risk', atRisk, ['2026-03-13', '2026-03-14', '2026-03-15'])).toEqual(['2026-03-14']);
    const due = planned('churn-risk', atRisk, '2026-03-14');
    expect(due).toMatchObject([{ occurrenceKey: 'SYD-7731', category: 'service', priority: 5 }]);
    expect(channelsOf(due)).toEqual(['task']);
    expect(rendered(due[0]!, 'churn-risk-task', 'title')).toBe('Customer relations: call Ms Lee about complaint SYD-7731');
    expect(rendered(due[0]!, 'churn-risk-task', 'body')).toContain('customer-relations manager');
    expect(rendered(due[0]!, 'churn-risk-task', 'title', 'zh-CN')).toContain('SYD-7731');
  });

  it('leaves out a customer whose complaint was closed the day before', () => {
    const closed = londoner({}, { visits: [aVisit({ on: '2026-01-13' })], complaints: [aComplaint({ openedOn: '2026-01-15', closedOn: '2026-03-13' })] });

    expect(isDue('churn-risk', closed, '2026-03-14')).toBe(false);
  });

  it('moves when the days change in the YAML text', async () => {
    const edited = await withEdited('churn-risk.yaml', 'daysWithoutVisit: 60', 'daysWithoutVisit: 45');

    expect(datesDue('churn-risk', atRisk, ['2026-02-27', '2026-03-14'], edited)).toEqual(['2026-02-27']);
  });
});

describe('loyalty tier review', () => {
  const silver = londoner({ loyalty: { tier: 'silver', points: 6400 } });

  it('emails each member on the first day of each quarter with tier, points and the points the next tier needs', () => {
    expect(datesDue('loyalty-review', silver, ['2026-03-31', '2026-04-01', '2026-04-02', '2026-07-01'])).toEqual(['2026-04-01', '2026-07-01']);
    const due = planned('loyalty-review', silver, '2026-04-01');
    expect(due).toMatchObject([{ occurrenceKey: '2026-Q2', facts: { tier: 'silver', points: 6400, nextTier: 'gold', pointsToNextTier: 1600 } }]);
    expect(channelsOf(due)).toEqual(['email']);
    expect(rendered(due[0]!, 'loyalty-review-email', 'text')).toContain('Silver member with 6400 points.\n1600 more points take you to Gold.');
    expect(rendered(due[0]!, 'loyalty-review-email', 'text', 'zh-CN')).toContain('再获得1600积分即可升级为金卡会员');
  });

  it('thanks a member at the top tier without a next one', () => {
    const [due] = planned('loyalty-review', londoner({ loyalty: { tier: 'exclusive', points: 31000 } }), '2026-04-01');

    expect(rendered(due!, 'loyalty-review-email', 'text')).toContain('Thank you for being with us at the highest tier.');
  });

  it('leaves out a customer without loyalty data', () => {
    expect(isDue('loyalty-review', londoner(), '2026-04-01')).toBe(false);
  });

  it('moves when the review months and day change in the YAML text', async () => {
    const edited = await withEdited('loyalty-review.yaml', 'day: 1', 'day: 15');

    expect(datesDue('loyalty-review', silver, ['2026-04-01', '2026-04-15'], edited)).toEqual(['2026-04-15']);
  });
});

describe("Women's Day", () => {
  it('greets by SMS and email on 8 March, not the day before', () => {
    expect(datesDue('womens-day', londoner(), ['2026-03-07', '2026-03-08', '2027-03-08'])).toEqual(['2026-03-08', '2027-03-08']);
    const due = planned('womens-day', londoner(), '2026-03-08');
    expect(due).toMatchObject([{ occurrenceKey: '2026-03-08', facts: { festivalDate: '2026-03-08' } }]);
    expect(channelsOf(due)).toEqual(['sms', 'email']);
  });

  it('leaves out prospects', () => {
    expect(isDue('womens-day', londoner({ stage: 'prospect' }), '2026-03-08')).toBe(false);
  });
});

describe("Children's Day", () => {
  const family = londoner({ interests: ['golf', 'family'] });

  it('invites families to the family day a week before 1 June, by email and SMS, not the day before', () => {
    expect(datesDue('childrens-day', family, ['2026-05-24', '2026-05-25', '2026-06-01'])).toEqual(['2026-05-25']);
    const due = planned('childrens-day', family, '2026-05-25');
    expect(due).toMatchObject([{ occurrenceKey: '2026-06-01', facts: { festivalDate: '2026-06-01' } }]);
    expect(channelsOf(due)).toEqual(['email', 'sms']);
  });

  it('leaves out a customer without a family interest', () => {
    expect(isDue('childrens-day', londoner({ interests: ['golf'] }), '2026-05-25')).toBe(false);
    expect(isDue('childrens-day', londoner(), '2026-05-25')).toBe(false);
  });

  it('reaches other interests when the audience changes in the YAML text', async () => {
    const edited = await withEdited('childrens-day.yaml', 'interests: [family]', 'interests: [family, golf]');

    expect(isDue('childrens-day', londoner({ interests: ['golf'] }), '2026-05-25', edited)).toBe(true);
  });
});
