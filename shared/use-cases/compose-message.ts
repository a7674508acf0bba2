/**
 * Composing one message for one customer: the template, who sends it, the unsubscribe link, the
 * rendered text. Dispatch sends what this composes and preview shows it, so a preview is the
 * message the customer would get, not a look-alike.
 */
import { chooseSender, type JourneySender, type SenderChoice, type SenderIdentity } from '../domain/brand';
import type { Channel, CustomerContext } from '../domain/customer';
import type { IsoDate } from '../domain/dates';
import { EngineError } from '../domain/errors';
import type { JourneyCategory } from '../domain/journey/category';
import type { Template } from '../domain/journey/schema';
import { buildMessageContext } from '../domain/personalisation';
import { renderMessage, type UnreadFields, type RenderedMessage } from '../domain/render';
import type { OccurrenceFacts } from '../domain/triggers/kind';
import type { BrandDirectory } from '../ports/customers';
import type { UnsubscribeLinks } from './unsubscribe';

/** What composing reads: the part of dispatch's dependencies that decides what a message says. */
export interface ComposeDeps {
  templates: ReadonlyMap<string, Template>;
  /**
   * Who each journey sends as, by journey id (from the journey config); a journey not listed is
   * sent by the dealer. Brand-sent journeys read the dealer's brand from `brands`.
   */
  journeySenders?: ReadonlyMap<string, JourneySender>;
  /** Brands, read only for the messages of brand-sent journeys. */
  brands?: BrandDirectory;
  /**
   * Signed one-click unsubscribe links for email (the body's `unsubscribeUrl`, and the
   * List-Unsubscribe headers on promotional mail); without it emails carry neither.
   */
  unsubscribeLinks?: UnsubscribeLinks;
  /**
   * Whether the fields no sender reads are rendered (the default) or only checked to render, the
   * same failures and none kept: for senders that read none but an SMS's text (the simulation's).
   * See {@link UnreadFields}.
   */
  unreadFields?: UnreadFields;
}

/** The message to compose: a step of an occurrence, on the channel it goes by, with its template. */
export interface MessageToCompose {
  journeyId: string;
  customerId: string;
  channel: Channel;
  /** The template's name (a step's, or its fallback's). */
  template: string;
  occurrenceDate: IsoDate;
  facts?: OccurrenceFacts | undefined;
  category?: JourneyCategory | undefined;
}

export type Composition =
  | { ok: true; rendered: RenderedMessage; sender: SenderIdentity; unsubscribeUrl: string | undefined }
  /** A message that cannot be composed whatever is tried again (no such template, no brand to send as). */
  | { ok: false; reason: string };

/**
 * Composes a message for a customer. A missing template or sender is a result with the reason;
 * a template that cannot render for this customer throws its `TemplateRenderError`.
 */
export async function composeMessage(message: MessageToCompose, context: CustomerContext, deps: ComposeDeps): Promise<Composition> {
  const template = deps.templates.get(message.template);
  // Config is validated at start-up, so this is a deploy that removed a template mid-flight.
  if (!template || template.channel !== message.channel) return { ok: false, reason: 'template-missing' };
  // A dealer's own journey knows its sender without a read: no promise made and awaited per message.
  const journeySender = deps.journeySenders?.get(message.journeyId) ?? 'dealer';
  const sender = journeySender === 'dealer' || context.dealer.brandId === undefined ? chooseSender(journeySender, context.dealer, undefined) : await brandSenderOf(journeySender, context.dealer, context.dealer.brandId, deps);
  // Repeats every time until a brand is given to the dealer.
  if (!sender.ok) return { ok: false, reason: sender.reason };
  const unsubscribeUrl =
    message.channel === 'email' && deps.unsubscribeLinks
      ? await deps.unsubscribeLinks.urlFor({ customerId: message.customerId, channel: 'email', category: message.category ?? 'promotional' })
      : undefined;
  const rendered = renderMessage(template, buildMessageContext(context, message.occurrenceDate, message.facts, sender.sender, unsubscribeUrl), { unreadFields: deps.unreadFields ?? 'rendered' });
  return { ok: true, rendered, sender: sender.sender, unsubscribeUrl };
}

/** The From and headers of an email: a brand sends from its own address; promotions carry RFC 8058 one-click. */
export function emailEnvelope(sender: SenderIdentity, unsubscribeUrl: string | undefined, category: JourneyCategory | undefined): { from?: string; headers?: Record<string, string> } {
  // The dealer's mail goes from the configured address (dealers have no verified senders);
  // a brand's customer centre sends From its own.
  const fromBrand = sender.kind === 'brand';
  // RFC 8058 one-click: mailbox providers show their own unsubscribe button and POST to it.
  const oneClick = Boolean(unsubscribeUrl) && (category ?? 'promotional') === 'promotional';
  // Every email asks: one empty envelope shared when there is nothing to add, and no spreads.
  if (!fromBrand && !oneClick) return noEnvelope;
  const envelope: { from?: string; headers?: Record<string, string> } = {};
  if (fromBrand) envelope.from = sender.email;
  if (oneClick) envelope.headers = { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
  return envelope;
}

const noEnvelope: { from?: string; headers?: Record<string, string> } = Object.freeze({});

/** The sender of a brand-sent journey whose dealer belongs to a brand: the brand, read. */
async function brandSenderOf(journeySender: JourneySender, dealer: CustomerContext['dealer'], brandId: string, deps: ComposeDeps): Promise<SenderChoice> {
  // Composition gives brand-sent journeys a brand directory; a wiring without one is a deploy fault.
  if (!deps.brands) throw new EngineError('a brand-sent journey is dispatched without a brand directory');
  return chooseSender(journeySender, dealer, await deps.brands.getBrand(brandId));
}
