import type { Channel, CustomerContext } from '../domain/customer';
import { customerFacts } from '../domain/customer-facts';
import { localMomentIn, type IsoDate } from '../domain/dates';
import type { DispatchMessage } from '../domain/dispatch-message';
import { PermanentDeliveryError, TransientDeliveryError } from '../domain/errors';
import type { Journey, Template } from '../domain/journey/schema';
import { decideWithFallback, type Decision, type Fallback } from '../domain/policies/chain';
import { dayContendersOf } from '../domain/policies/day-contenders';
import { hasContact, noContacts, withContact, type DayContender } from '../domain/policies/frequency-cap';
import { categoryOf, zoneOf, type PolicyInput, type PolicySettings } from '../domain/policies/policy';
import { defaultPolicySettings, settingsFor } from '../domain/policies/settings';
import type { MessageSchedule } from '../ports/message-schedule';
import { prepareSms } from '../domain/sms';
import { assertNever } from '../domain/assert-never';
import type { EmailSender, SmsSender } from '../ports/channels';
import type { CustomerDirectory } from '../ports/customers';
import { composeMessage, emailEnvelope, type ComposeDeps, type Composition } from './compose-message';
import type { Ledger, SendOutcome, SendRef } from '../ports/ledger';
import type { PrintRenderer, PrintStore } from '../ports/print';
import type { TaskStore, TaskWebhook } from '../ports/tasks';
import { taskOf } from '../domain/task';
import { classifyDispatchFailure } from './dispatch-failures';
import { deliverPrint } from './deliver-print';
import { settleOccurrence } from './settle-occurrence';
import { recordOutcomeWithRetry, type RecordOutcomeOptions } from './record-outcome';
import type { SendingPauses } from '../ports/sending-pause';
import { dealerTagOf, sendTagOf } from '../domain/send-tag';
import { isFinishedSendStatus } from '../ports/ledger';
import { countOutcome, type OutcomeCounting } from './count-outcome';

/** Composing's dependencies (templates, journey senders, brands, unsubscribe links) and sending's. */
export interface DispatchDeps extends ComposeDeps {
  templates: Map<string, Template>;
  customers: CustomerDirectory;
  ledger: Ledger;
  email: EmailSender;
  sms: SmsSender;
  printRenderer: PrintRenderer;
  printStore: PrintStore;
  tasks: TaskStore;
  /** Posts tasks to dealers' CRMs (those with a `crmWebhookUrl`). */
  taskWebhook: TaskWebhook;
  /**
   * The journeys, by id: the dispatch policies read a step's `fallback`, a journey's
   * `quietHours`, and the day's other promotional journeys (the cap's priority order). Without
   * them no fallback is taken, default quiet hours apply and the cap is first come, first served.
   */
  journeys?: ReadonlyMap<string, Journey>;
  /** Quiet hours and caps before any journey's own (defaults: `defaultPolicySettings`). */
  policySettings?: PolicySettings;
  /**
   * Where a deferred send is held until its due instant (the held-message store). Without one the
   * deferral is still recorded in the ledger with its due instant, and the reconciler re-drives
   * it once that has passed: later (up to its hourly run plus the grace period), never lost.
   */
  schedule?: MessageSchedule;
  /**
   * `clock` (default): policies judge by `clock()`. `planned`: by the message's `plannedAt` when
   * it has one (the local replay of a past date; see `DISPATCH_POLICY_TIME`).
   */
  policyTime?: 'clock' | 'planned';
  leaseSeconds: number;
  clock: () => Date;
  /** The pause switches (promotional email paused on an SES reputation alarm); read briefly cached. */
  pauses?: Pick<SendingPauses, 'activePauses'>;
  /** Retries of the outcome write (policy, pause, a hook to log each retry); sensible defaults. */
  outcomeWrites?: RecordOutcomeOptions;
  /** The console's outcome counters; none, nothing counted (the simulation). */
  counting?: OutcomeCounting;
}

/** `channel` is where the message went or would have gone: the fallback's when one was taken. */
export type DispatchResult =
  | { outcome: 'sent'; channel: Channel; location?: string; segments?: number; reason?: string }
  | { outcome: 'skipped' | 'failed' | 'frequency-capped' | 'expired'; channel: Channel; reason: string }
  | { outcome: 'deferred'; channel: Channel; reason: string; dueAt: string }
  | { outcome: 'duplicate'; channel: Channel }
  /** A copy that came before its send's due instant: the held store or the reconciler sends it then. */
  | { outcome: 'not-due'; channel: Channel; dueAt: string };

type Attempt = { channel: Channel } & (
  | { status: 'sent'; providerMessageId: string; location?: string; segments?: number; reason?: string }
  | { status: 'skipped' | 'failed' | 'frequency-capped' | 'expired'; reason: string }
  | { status: 'deferred'; reason: string; dueAt: string }
);

/** No pauses, no suppressions: one empty list for every send without any, rather than one made per send. */
const noEntries: readonly never[] = Object.freeze([]);

/** Rounds of reading and writing the cap counter before giving the message back to the queue. */
const contactWriteRounds = 5;

/**
 * Sends one queued message: claims the send in the ledger, passes the policy chain
 * (`shared/domain/policies/`: consent read now, so an opt-out since planning wins; complaint hold;
 * quiet hours; frequency caps; a step's fallback channel), renders the template and hands it to
 * the channel, then records the outcome. A deferred send is held until its due instant and
 * recorded `deferred`; a capped one `frequency-capped`.
 *
 * A failure that will repeat (a template that cannot render, a corrupt record, an invalid phone,
 * a card that cannot be printed whole, a provider's rejection) is recorded `failed` with a reason
 * at once. A promotion that ends without reaching the customer settles its occurrence on the cap
 * counter ({@link settleOccurrence}): its slot given back, no longer ranked ahead. Only what
 * may succeed later throws, so SQS redelivers the message; see {@link classifyDispatchFailure}.
 *
 * At least once at the provider boundary: if the outcome cannot be recorded after the provider
 * accepted (retried with backoff first), the send stays `sending` and is sent again once its
 * lease ends.
 */
export async function dispatchMessage(message: DispatchMessage, deps: DispatchDeps): Promise<DispatchResult> {
  const { ledger, clock, leaseSeconds } = deps;
  const send: SendRef = {
    customerId: message.customerId,
    journeyId: message.journeyId,
    occurrenceKey: message.occurrenceKey,
    messageId: message.messageId,
  };
  const claim = await ledger.claimSend(send, message.channel, clock(), leaseSeconds);
  if (claim.outcome === 'finished') return { outcome: 'duplicate', channel: message.channel };
  if (claim.outcome === 'in-progress') {
    throw new TransientDeliveryError('another attempt holds this send; retry after its lease');
  }
  if (claim.outcome === 'deferred') return { outcome: 'not-due', channel: message.channel, dueAt: claim.dueAt };

  let attempt: Attempt;
  const seen: Seen = {};
  try {
    attempt = await attemptSend(message, deps, seen);
  } catch (error) {
    const verdict = classifyDispatchFailure(error);
    if (verdict.retry) throw error;
    attempt = { status: 'failed', channel: message.channel, reason: verdict.reason };
  }
  if (attempt.status === 'deferred' && deps.schedule) {
    // Held first: if recording fails after it, the redelivered message decides again and holds
    // the same send again (a hold replaces), so nothing is held twice or lost.
    // Held as meant to go out at its due instant, which is when it is judged again.
    await deps.schedule.hold({ message: { ...message, plannedAt: attempt.dueAt }, dueAt: attempt.dueAt, reason: attempt.reason }, clock());
  }
  // A send that never read its customer (not found, unreadable) took no slot and ranks no one.
  if (endedWithoutContact(attempt.status) && seen.today) await settleOccurrence(message, seen.today, ledger, clock());
  await recordOutcomeWithRetry(ledger, send, outcomeOf(attempt), clock, deps.outcomeWrites);
  // Counted by the attempt that holds the send's claim, once its outcome is recorded: a redelivery
  // or re-drive finds the send finished and counts nothing. A customer not found has no dealer to file under.
  if (deps.counting && isFinishedSendStatus(attempt.status) && seen.dealerId) {
    await countOutcome(deps.counting, { dealerId: seen.dealerId, day: clock().toISOString().slice(0, 10), journeyId: send.journeyId, stepId: send.messageId, channel: attempt.channel, outcome: attempt.status });
  }
  const { channel } = attempt;
  switch (attempt.status) {
    case 'sent': {
      // Field by field, what is absent left out: a spread of a small object per field per send.
      const sent: DispatchResult = { outcome: 'sent', channel };
      if (attempt.location) sent.location = attempt.location;
      if (attempt.segments !== undefined) sent.segments = attempt.segments;
      if (attempt.reason) sent.reason = attempt.reason;
      return sent;
    }
    case 'deferred':
      return { outcome: 'deferred', channel, reason: attempt.reason, dueAt: attempt.dueAt };
    default:
      return { outcome: attempt.status, channel, reason: attempt.reason };
  }
}

/** What the attempt learnt of its customer, for what follows the attempt. */
interface Seen {
  dealerId?: string;
  /** The customer's local date the send is judged on. */
  today?: IsoDate;
}

const endedWithoutContact = (status: Attempt['status']) => status === 'failed' || status === 'skipped' || status === 'expired' || status === 'frequency-capped';

function outcomeOf(attempt: Attempt): SendOutcome {
  const { channel } = attempt;
  switch (attempt.status) {
    case 'sent': {
      const sent: SendOutcome = { status: 'sent', channel, providerMessageId: attempt.providerMessageId, location: attempt.location };
      if (attempt.reason) sent.reason = attempt.reason;
      return sent;
    }
    case 'deferred':
      return { status: 'deferred', channel, reason: attempt.reason, dueAt: attempt.dueAt };
    default:
      return { status: attempt.status, channel, reason: attempt.reason };
  }
}

async function attemptSend(message: DispatchMessage, deps: DispatchDeps, seen: Seen): Promise<Attempt> {
  const context = await deps.customers.getCustomerContext(message.customerId);
  if (!context) return { status: 'skipped', channel: message.channel, reason: 'customer-not-found' };
  seen.dealerId = context.dealer.id;
  const now = judgedAt(message, deps);
  const today = localMomentIn(now, zoneOf(context)).date;
  seen.today = today;
  const decision = await decidePolicies(message, context, deps, now, today);
  const channel = decision.fallback?.channel ?? message.channel;
  if (decision.decision === 'skip') return { status: decision.status, channel, reason: decision.reason };
  if (decision.decision === 'defer') return { status: 'deferred', channel, reason: decision.reason, dueAt: decision.until.toISOString() };
  // The message as queued, unless the fallback's channel and template go instead (no copy per send).
  const composed = await composeMessage(decision.fallback ? { ...message, channel, template: decision.fallback.template } : message, context, deps);
  // Repeats every time (a template removed mid-flight, no brand to send as): recorded failed, with the reason.
  if (!composed.ok) return { status: 'failed', channel, reason: composed.reason };
  const { providerMessageId, location, segments } = await deliver(composed, context, message, deps);
  const sent: Attempt = { status: 'sent', channel, providerMessageId };
  if (location !== undefined) sent.location = location;
  if (segments !== undefined) sent.segments = segments;
  // The history says why the message went by another channel than the step's.
  if (decision.fallback) sent.reason = `fallback from ${message.channel}: no-consent`;
  return sent;
}

/**
 * The policy chain's decision on a snapshot read now. A promotional send it lets through takes a
 * cap slot with a write conditional on the counter's version: when another dispatch of the
 * customer wrote first (two promotions at once), the counter is read again and the chain decides
 * again, so at most the cap's number of promotions pass, whatever the concurrency. Judged at
 * `now` ({@link judgedAt}), the instant the attempt read its customer's local date (`today`, in
 * their zone, else their dealer's) at.
 */
async function decidePolicies(message: DispatchMessage, context: CustomerContext, deps: DispatchDeps, now: Date, today: IsoDate): Promise<Decision> {
  const journey = deps.journeys?.get(message.journeyId);
  const settings = settingsFor(journey?.quietHours, deps.policySettings ?? defaultPolicySettings);
  const fallback = journey && fallbackOf(journey, message.messageId);
  const promotional = categoryOf(message) === 'promotional';
  const dayContenders = promotional && deps.journeys ? dayContendersAt(message, context, deps.journeys, now, today) : [];
  // Read once per send: the switch is cached briefly by its adapter anyway.
  const pauses = deps.pauses ? await deps.pauses.activePauses() : noEntries;
  for (let round = 1; ; round += 1) {
    const contacts = promotional ? await deps.ledger.readContacts(message.customerId) : noContacts;
    const input: PolicyInput = {
      message,
      customer: context.customer,
      dealer: context.dealer,
      complaints: context.complaints,
      suppressions: context.suppressions ?? noEntries,
      pauses,
      contacts,
      dayContenders,
      settings,
      now,
    };
    const decision = decideWithFallback(input, fallback);
    if (decision.decision !== 'send' || !promotional || hasContact(contacts.contacts, message)) return decision;
    if (await deps.ledger.saveContacts(message.customerId, withContact(contacts, message, today, settings.caps), contacts.version, now)) return decision;
    if (round === contactWriteRounds) throw new TransientDeliveryError('the frequency-cap counter kept changing under this send; retry');
  }
}

/** The step's fallback; an indexed loop rather than `find` with a closure made per send. */
function fallbackOf(journey: Journey, stepId: string): Fallback | undefined {
  const { steps } = journey;
  for (let at = 0; at < steps.length; at += 1) if (steps[at]!.id === stepId) return steps[at]!.fallback;
  return undefined;
}

/** The instant the policies judge the message by: the clock's, or its planned one in a replay. */
const judgedAt = (message: DispatchMessage, deps: Pick<DispatchDeps, 'policyTime' | 'clock'>): Date =>
  deps.policyTime === 'planned' && message.plannedAt ? new Date(instantOf(message.plannedAt)) : deps.clock();

// The messages of one tick share its planned instant: its text is parsed once, not once per send.
let lastParsed = { text: '', time: Number.NaN };
function instantOf(text: string): number {
  if (text !== lastParsed.text) lastParsed = { text, time: new Date(text).getTime() };
  return lastParsed.time;
}

/**
 * The customer's promotional contenders of their local day of `now`: those the evaluation
 * carried on the message when they are for that day, else planned again (a message queued without
 * them, or held over to another day).
 */
function dayContendersAt(message: DispatchMessage, context: CustomerContext, journeys: ReadonlyMap<string, Journey>, now: Date, today: IsoDate): readonly DayContender[] {
  const carried = message.dayContenders;
  // `today` is the customer's local date of `now` (a customer always has a zone): not worked out again per send.
  if (carried && carried.date === today) return carried.contenders;
  return dayContendersOf([...journeys.values()], customerFacts(context, context.dealer.address.country), now);
}

async function deliver(
  { rendered, sender, unsubscribeUrl }: Extract<Composition, { ok: true }>,
  context: CustomerContext,
  message: DispatchMessage,
  deps: DispatchDeps,
): Promise<{ providerMessageId: string; location?: string; segments?: number }> {
  const { customer, dealer } = context;
  const { journeyId: journey, occurrenceKey: occurrence, messageId } = message;
  switch (rendered.channel) {
    case 'email':
      return deps.email.sendEmail({
        to: customer.email!,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        // `send` lets SES feedback (bounce, complaint, delivery) find this send and its customer.
        tags: { journey, occurrence, message: messageId, send: sendTagOf(message), dealer: dealerTagOf(dealer.id) },
        ...emailEnvelope(sender, unsubscribeUrl, message.category),
      });
    case 'sms': {
      // Known before sending: carriers bill per segment, and a runaway template must not send a wall of text.
      const sms = prepareSms(rendered.text, customer.phone);
      if (sms.problem !== undefined || sms.to === undefined) throw new PermanentDeliveryError(sms.problem ?? 'phone number is not a valid mobile number');
      const receipt = await deps.sms.sendSms({ to: sms.to, text: sms.text, tags: { journey, occurrence, message: messageId, segments: String(sms.segments) } });
      return { providerMessageId: receipt.providerMessageId, segments: sms.segments };
    }
    case 'print':
      return deliverPrint(rendered, context, sender, message, deps);
    case 'task': {
      // The task item first: it is what the API lists, and it exists even when the CRM is down.
      // Written once (a redelivery finds it); the CRM may get the POST more than once and
      // deduplicates on the task id it carries.
      const task = taskOf(message, rendered, dealer.id, deps.clock());
      await deps.tasks.createTask(task);
      if (dealer.crmWebhookUrl) await deps.taskWebhook.deliverTask({ url: dealer.crmWebhookUrl, task });
      return { providerMessageId: task.id, ...(dealer.crmWebhookUrl ? { location: 'crm-webhook' } : {}) };
    }
    default:
      return assertNever(rendered);
  }
}
