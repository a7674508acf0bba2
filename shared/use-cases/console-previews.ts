import type { Dealer } from '../domain/customer';
import { Locale } from '../domain/customer';
import type { IsoDate } from '../domain/dates';
import { matchesAudience } from '../domain/journey/plan';
import type { Journey, Template } from '../domain/journey/schema';
import type { BrandDirectory } from '../ports/customers';
import type { TenantView } from './console-snapshot';
import { NoOccurrenceError, previewJourney, type PreviewedMessage } from './preview-journey';

/** How many of the tenant's customers are tried for a locale before saying there is no sample. */
const candidatesPerLocale = 20;

/** One step rendered for a sample customer in one locale, as the console shows it. */
export interface ConsolePreview {
  stepId: string;
  channel: string;
  locale: string;
  /** The sample customer's id (one of the tenant's own). */
  customerId: string;
  sendDate: IsoDate;
  subject?: string;
  html?: string;
  text?: string;
  /** Why the step did not render for the sample (a template error, a brand not stored). */
  problem?: string;
  /** Why the sample customer would not get it as shown (consent, address, segment cap). */
  notices: string[];
}

function shown(message: PreviewedMessage, customerId: string): ConsolePreview {
  const base = { stepId: message.stepId, channel: message.channel, locale: message.locale, customerId, sendDate: message.sendDate, notices: message.notices };
  if (!message.ok) return { ...base, problem: message.error };
  const { content } = message;
  switch (content.channel) {
    case 'email':
      return { ...base, subject: content.subject, html: content.html, text: content.text };
    case 'sms':
      return { ...base, text: content.text };
    case 'print':
      return { ...base, subject: content.headline, text: [content.body, ...(content.items ?? []), content.invitation ?? '', content.signoff].filter(Boolean).join('\n\n') };
    case 'task':
      return { ...base, subject: content.title, text: content.body };
  }
}

/**
 * Each step of the journey rendered per locale (`en`, `zh-CN`) for a sample customer of the
 * tenant: the first of its customers in that locale and the journey's audience for whom the
 * trigger finds an occurrence on or after `today`. Through `previewJourney`, the renderer
 * dispatch uses. A locale without such a customer has no preview.
 */
export async function previewPerLocale(
  journey: Journey,
  templates: ReadonlyMap<string, Template>,
  view: TenantView,
  brands: BrandDirectory,
  today: IsoDate,
): Promise<ConsolePreview[]> {
  const dealers = new Map<string, Dealer>(view.dealers.map((dealer) => [dealer.id, dealer]));
  const previews: ConsolePreview[] = [];
  for (const locale of Locale.options) {
    const candidates = view.customers.filter((facts) => facts.customer.locale === locale && matchesAudience(journey.audience, facts)).slice(0, candidatesPerLocale);
    for (const facts of candidates) {
      const dealer = dealers.get(facts.customer.dealerId);
      if (!dealer) continue;
      try {
        const messages = await previewJourney({ journey, templates, context: { ...facts.record, dealer }, date: today, brands });
        previews.push(...messages.map((message) => shown(message, facts.customer.id)));
        break;
      } catch (error) {
        if (!(error instanceof NoOccurrenceError)) throw error;
      }
    }
  }
  return previews;
}
