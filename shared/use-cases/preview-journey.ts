/**
 * Preview: every message of a journey for one customer, rendered as they would get it, through
 * the same composing as dispatch (`composeMessage`, `prepareSms`, `printPieceOf`). Sends nothing,
 * writes nothing, reads no store: the caller passes the journey, its templates and the customer.
 */
import type { Brand } from '../domain/brand';
import { canContact, type Channel, type CustomerContext, type Locale } from '../domain/customer';
import { customerFacts } from '../domain/customer-facts';
import { addDays, type IsoDate } from '../domain/dates';
import { previewOccurrenceOf } from '../domain/journey/preview-occurrence';
import type { JourneyCategory } from '../domain/journey/category';
import type { Journey, JourneyStep, Template } from '../domain/journey/schema';
import { printPieceOf, type PrintPiece } from '../domain/print-piece';
import { prepareSms, type SmsEncoding } from '../domain/sms';
import { taskDueOn, taskRoutingOf, type TaskAssignee, type TaskUrgency } from '../domain/task';
import type { Occurrence } from '../domain/triggers/kind';
import { assertNever } from '../domain/assert-never';
import { EngineError, UnprintablePieceError } from '../domain/errors';
import type { BrandDirectory } from '../ports/customers';
import { composeMessage, emailEnvelope, type ComposeDeps, type Composition } from './compose-message';
import type { UnsubscribeLinks } from './unsubscribe';

export interface PreviewRequest {
  journey: Journey;
  /** The journeys' templates by name (`JourneyConfig.templates`). */
  templates: ReadonlyMap<string, Template>;
  /** The customer with their cars, visits, complaints and dealer. */
  context: CustomerContext;
  /** The customer-local day previewed for: the journey's first occurrence on or after it is shown. */
  date: IsoDate;
  /** The dealer's brand, for brand-sent journeys (the welcome pack); without it they show an error. */
  brands?: BrandDirectory;
}

export interface PreviewOptions {
  /** Lays out a print piece as its PDF (the print adapter's `renderPrintPiece`); without it print previews have no PDF. */
  renderPdf?: (piece: PrintPiece) => Promise<Uint8Array>;
  /** Unsubscribe links in emails; by default a placeholder ({@link previewUnsubscribeUrl}), as no key is at hand. */
  unsubscribeLinks?: UnsubscribeLinks;
}

/** The link previews carry where a real email has the customer's signed unsubscribe link. */
export const previewUnsubscribeUrl = 'https://example.invalid/unsubscribe/preview';

/** What a previewed message says, per channel, as dispatch would hand it over. */
export type PreviewContent =
  | { channel: 'email'; subject: string; html: string; text: string; from?: string; headers?: Record<string, string> }
  | { channel: 'sms'; text: string; segments: number; encoding: SmsEncoding; to?: string }
  | {
      channel: 'print';
      design: PrintPiece['design'];
      age: number | null;
      headline: string;
      body: string;
      signoff: string;
      items?: string[];
      invitation?: string;
      /** The piece as laid out (addressed); absent when the address is incomplete. */
      piece?: PrintPiece;
      /** The piece's PDF, when a renderer was given and the piece can be printed. */
      pdf?: Uint8Array;
    }
  | { channel: 'task'; title: string; body: string; dueOn: IsoDate; urgency: TaskUrgency; assignee: TaskAssignee };

/** One step of the journey for the customer: rendered, or the error that stops it. */
export type PreviewedMessage = {
  stepId: string;
  channel: Channel;
  templateId: string;
  /** The language the template is rendered in: the customer's where the template has it, else English. */
  locale: Locale;
  /**
   * The customer-local day it goes out: the occurrence's date plus the step's `offsetDays`. For a
   * journey started by an event, the occurrence's day, and `offsetHours` says when from the event.
   */
  sendDate: IsoDate;
  /** A step of a journey started by an event: hours from the event's instant (-24: a day before the appointment). */
  offsetHours?: number;
  /** The occurrence it belongs to, with the facts its trigger adds (age, festival, due service...). */
  occurrence: Occurrence;
  /** Why the customer would not get it as shown (audience, consent, an address, the segment cap); empty when they would. */
  notices: string[];
} & ({ ok: true; content: PreviewContent } | { ok: false; error: string });

/** The journey never fires for the customer: there is no occurrence to preview. */
export class NoOccurrenceError extends EngineError {}

/**
 * Renders every step of `journey` for one customer, for the journey's first occurrence on or
 * after `date` (see `previewOccurrenceOf`). A step that cannot be rendered (a template missing or
 * failing for this customer) shows its error; the other steps still render.
 *
 * @throws NoOccurrenceError when the trigger finds no occurrence at all for the customer.
 * @example
 * const messages = await previewJourney({ journey, templates, context, date: '2026-03-14' }, { renderPdf: renderer.renderPrintPiece });
 * messages.find((m) => m.channel === 'sms') // { ok: true, content: { text: 'Happy birthday, Ann! ...', segments: 1, ... }, ... }
 */
export async function previewJourney(request: PreviewRequest, options: PreviewOptions = {}): Promise<PreviewedMessage[]> {
  const { journey, context, date } = request;
  const choice = previewOccurrenceOf(journey, customerFacts(context, context.dealer.address.country), date);
  if (!choice.ok) throw new NoOccurrenceError(choice.reason);
  const deps: ComposeDeps = {
    templates: request.templates,
    journeySenders: new Map([[journey.id, journey.sender]]),
    // A brand not given is a brand not stored: the brand-sent steps show dispatch's reason.
    brands: request.brands ?? { getBrand: async () => undefined },
    unsubscribeLinks: options.unsubscribeLinks ?? { urlFor: async () => previewUnsubscribeUrl },
  };
  return Promise.all(journey.steps.map((step) => previewStep(step, choice.occurrence, choice.notices, request, deps, options)));
}

async function previewStep(
  step: JourneyStep,
  occurrence: Occurrence,
  occurrenceNotices: readonly string[],
  { journey, templates, context }: PreviewRequest,
  deps: ComposeDeps,
  options: PreviewOptions,
): Promise<PreviewedMessage> {
  const template = templates.get(step.template);
  const base = {
    stepId: step.id,
    channel: step.channel,
    templateId: step.template,
    locale: template?.locales[context.customer.locale] ? context.customer.locale : 'en',
    sendDate: addDays(occurrence.date, step.offsetDays),
    ...(step.offsetHours !== undefined ? { offsetHours: step.offsetHours } : {}),
    occurrence,
  } satisfies Partial<PreviewedMessage>;
  const notices = [...occurrenceNotices, ...reachNotices(step, context)];
  try {
    const composed = await composeMessage(
      { journeyId: journey.id, customerId: context.customer.id, channel: step.channel, template: step.template, occurrenceDate: occurrence.date, facts: occurrence.facts, category: journey.category },
      context,
      deps,
    );
    if (!composed.ok) {
      const error = composed.reason === 'template-missing' ? `no ${step.channel} template "${step.template}"` : composed.reason;
      return { ...base, notices, ok: false, error };
    }
    const content = await contentOf(composed, { occurrence, category: journey.category, context }, options, notices);
    return { ...base, notices, ok: true, content };
  } catch (error) {
    return { ...base, notices, ok: false, error: (error as Error).message };
  }
}

/** Whether the step's channel reaches the customer, and where dispatch would go instead. */
function reachNotices(step: JourneyStep, { customer }: CustomerContext): string[] {
  if (canContact(customer, step.channel)) return [];
  const fallback = step.fallback && canContact(customer, step.fallback.channel) ? `; dispatch would send the fallback instead (${step.fallback.channel}, template "${step.fallback.template}")` : '';
  return [`not sent to this customer by ${step.channel}: no consent or no ${contactOf[step.channel]} on file${fallback}`];
}

const contactOf: Record<Channel, string> = { email: 'email address', sms: 'phone number', print: 'postal address', task: 'dealer' };

async function contentOf(
  { rendered, sender, unsubscribeUrl }: Extract<Composition, { ok: true }>,
  { occurrence, category, context: { customer } }: { occurrence: Occurrence; category: JourneyCategory; context: CustomerContext },
  options: PreviewOptions,
  notices: string[],
): Promise<PreviewContent> {
  switch (rendered.channel) {
    case 'email': {
      const { subject, html, text } = rendered;
      return { channel: 'email', subject, html, text, ...emailEnvelope(sender, unsubscribeUrl, category) };
    }
    case 'sms': {
      const sms = prepareSms(rendered.text, customer.phone);
      if (sms.problem) notices.push(`dispatch would refuse it: ${sms.problem}`);
      return { channel: 'sms', text: sms.text, segments: sms.segments, encoding: sms.encoding, ...(sms.to ? { to: sms.to } : {}) };
    }
    case 'print': {
      const { channel: _channel, ...text } = rendered;
      const choice = printPieceOf(rendered, customer, sender);
      if (!choice.ok) {
        notices.push(`would not be printed: ${choice.reason}`);
        return { channel: 'print', ...text };
      }
      return { channel: 'print', ...text, piece: choice.piece, ...(await pdfOf(choice.piece, options, notices)) };
    }
    case 'task': {
      const { title, body } = rendered;
      return { channel: 'task', title, body, dueOn: taskDueOn(occurrence.date, rendered), ...taskRoutingOf(occurrence.facts) };
    }
    default:
      return assertNever(rendered);
  }
}

/** The piece's PDF; a piece the renderer refuses (a glyph the font lacks, text that does not fit) is a notice, as dispatch fails it. */
async function pdfOf(piece: PrintPiece, { renderPdf }: PreviewOptions, notices: string[]): Promise<{ pdf?: Uint8Array }> {
  if (!renderPdf) return {};
  try {
    return { pdf: await renderPdf(piece) };
  } catch (error) {
    if (!(error instanceof UnprintablePieceError)) throw error;
    notices.push(`would not be printed: ${error.message}`);
    return {};
  }
}

/** Brands as a directory, for callers holding them in memory (the demo data, an import file). */
export function brandsOf(brands: readonly Brand[]): BrandDirectory {
  const byId = new Map(brands.map((brand) => [brand.id, brand]));
  return { getBrand: async (brandId) => byId.get(brandId) };
}
