import type { CustomerContext } from '../domain/customer';
import { Locale } from '../domain/customer';
import type { CustomerFacts } from '../domain/customer-facts';
import type { IsoDate } from '../domain/dates';
import { matchesAudience } from '../domain/journey/plan';
import type { Journey, Template } from '../domain/journey/schema';
import type { BrandDirectory } from '../ports/customers';
import { NoOccurrenceError, previewJourney, type PreviewedMessage } from './preview-journey';

/** How many of the tenant's customers are tried for a locale before saying there is no sample. */
export const candidatesPerLocale = 20;

/** Per locale, the ids of a journey's sample customers: the first `candidatesPerLocale` of them in its audience. */
export type PreviewSamples = Partial<Record<Locale, string[]>>;

/**
 * Per journey and locale, the first customers (in the given order) in the journey's audience:
 * whom the console tries for a preview. Pure; the calendar job picks them, as it reads every customer.
 */
export function previewSamples(journeys: readonly Journey[], customers: readonly CustomerFacts[]): Record<string, PreviewSamples> {
  const samples: Record<string, PreviewSamples> = {};
  for (const journey of journeys) {
    const own: PreviewSamples = {};
    for (const locale of Locale.options) {
      const ids = customers.filter((facts) => facts.customer.locale === locale && matchesAudience(journey.audience, facts)).slice(0, candidatesPerLocale).map((facts) => facts.customer.id);
      if (ids.length > 0) own[locale] = ids;
    }
    samples[journey.id] = own;
  }
  return samples;
}

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
 * tenant: the first of the samples (`previewSamples`) for whom the trigger finds an occurrence on
 * or after `today`, each read by key as it is now (`load`: undefined for one gone, or no longer
 * the tenant's). Through `previewJourney`, the renderer dispatch uses. A locale without such a
 * customer has no preview.
 */
export async function previewPerLocale(
  journey: Journey,
  templates: ReadonlyMap<string, Template>,
  samples: PreviewSamples,
  load: (customerId: string) => Promise<CustomerContext | undefined>,
  brands: BrandDirectory,
  today: IsoDate,
): Promise<ConsolePreview[]> {
  const previews: ConsolePreview[] = [];
  for (const locale of Locale.options) {
    for (const customerId of samples[locale] ?? []) {
      const context = await load(customerId);
      if (!context) continue;
      try {
        const messages = await previewJourney({ journey, templates, context, date: today, brands });
        previews.push(...messages.map((message) => shown(message, customerId)));
        break;
      } catch (error) {
        if (!(error instanceof NoOccurrenceError)) throw error;
      }
    }
  }
  return previews;
}
