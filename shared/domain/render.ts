import { Liquid } from 'liquidjs';
import type { Locale } from './customer';
import { assertNever } from './assert-never';
import type { EmailContent, PrintContent, PrintDesign, SmsContent, Template } from './journey/schema';
import type { MessageContext } from './personalisation';

export type RenderedMessage =
  | ({ channel: 'email' } & EmailContent)
  | ({ channel: 'sms' } & SmsContent)
  | ({ channel: 'print'; design: PrintDesign; age: number | null } & PrintContent);

// strictVariables turns a misspelt `{{ custmer.firstName }}` into an error instead of a blank.
const plain = new Liquid({ strictVariables: true, strictFilters: true, cache: true });
const html = new Liquid({ strictVariables: true, strictFilters: true, cache: true, outputEscape: 'escape' });
for (const engine of [plain, html]) engine.registerFilter('ordinal', englishOrdinal);

/** 1 -> "1st", 22 -> "22nd", 113 -> "113th": English ordinals for ages and anniversaries. */
export function englishOrdinal(value: unknown): string {
  const n = Number(value);
  if (!Number.isInteger(n)) return String(value);
  const lastTwo = Math.abs(n) % 100;
  const suffix = lastTwo >= 11 && lastTwo <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][Math.abs(n) % 10] ?? 'th');
  return `${n}${suffix}`;
}

export class TemplateRenderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TemplateRenderError';
  }
}

function pickLocale<T>(locales: Partial<Record<Locale, T>>, locale: Locale): T {
  const content = locales[locale] ?? locales.en;
  if (content === undefined) throw new TemplateRenderError(`template has neither ${locale} nor en content`);
  return content;
}

function renderText(engine: Liquid, source: string, context: MessageContext, field: string): string {
  try {
    return engine.parseAndRenderSync(source, context as unknown as Record<string, unknown>).trim();
  } catch (error) {
    throw new TemplateRenderError(`cannot render ${field}: ${(error as Error).message}`, { cause: error });
  }
}

/** Renders a template for one customer in their locale (falling back to English). */
export function renderMessage(template: Template, context: MessageContext): RenderedMessage {
  switch (template.channel) {
    case 'email': {
      const content = pickLocale(template.locales, context.locale);
      return {
        channel: 'email',
        subject: renderText(plain, content.subject, context, 'subject'),
        html: renderText(html, content.html, context, 'html'),
        text: renderText(plain, content.text, context, 'text'),
      };
    }
    case 'sms': {
      const content = pickLocale(template.locales, context.locale);
      return { channel: 'sms', text: renderText(plain, content.text, context, 'text') };
    }
    case 'print': {
      const content = pickLocale(template.locales, context.locale);
      return {
        channel: 'print',
        design: template.design,
        age: context.age,
        headline: renderText(plain, content.headline, context, 'headline'),
        body: renderText(plain, content.body, context, 'body'),
        signoff: renderText(plain, content.signoff, context, 'signoff'),
      };
    }
    default:
      return assertNever(template);
  }
}
