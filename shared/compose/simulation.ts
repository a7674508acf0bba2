import type { JourneyConfig } from '../config/journey-config';
import type { IsoDate } from '../domain/dates';
import { sendAtMinutesOf } from '../domain/journey/due-dates';
import { simulatedSendsOf, type LedgerOccurrence } from '../domain/simulation-outcomes';
import type { SimulatedSend } from '../domain/simulated-send';
import type { UnreadFields } from '../domain/render';
import { createRecordingChannels } from '../adapters/memory/channels';
import { createMemoryCustomerBase, type MemoryCustomerBase } from '../adapters/memory/customers';
import { createMemoryDispatchQueue } from '../adapters/memory/dispatch-queue';
import { createMemoryDueIndex } from '../adapters/memory/due-index';
import { createMemoryDueIndexState } from '../adapters/memory/due-index-state';
import { createMemoryLedger } from '../adapters/memory/ledger';
import { createMemoryMessageSchedule } from '../adapters/memory/message-schedule';
import { createMemorySuppressionList } from '../adapters/memory/suppression-list';
import { createMemoryTaskStore } from '../adapters/memory/task-store';
import { sendLeaseSeconds } from '../resources/queues';
import { simulatePeriod, type SimulationSummary } from '../use-cases/simulate';
import type { HandledOccurrence } from '../ports/console-activity';

export interface Simulation {
  /** Where the customers go before the run (an import, or the demo data). */
  customers: MemoryCustomerBase;
  /** Runs the engine over the period; call once. */
  run(period: { from: IsoDate; to: IsoDate }, onDate?: (done: number, total: number) => void): Promise<SimulationSummary>;
  /** Each message of each occurrence handled, with its outcome at the end of the run. */
  sends(): Generator<SimulatedSend>;
  /** What the recording channels accepted, by provider. */
  counts(): { email: number; sms: number; print: number; webhook: number };
}

/** How the simulation runs: each option's other value is there to show it changes nothing, or for the console's calendar. */
export interface SimulationOptions {
  skipIdleTicks?: boolean;
  carryDayContenders?: boolean;
  /**
   * Whether the in-memory due index and ledger hand out copies of what they store, as reads
   * from DynamoDB would (`true`), or what they store, frozen or never changed in place (the
   * default: cheaper, and `true` shows it changes nothing).
   */
  copies?: boolean;
  /**
   * Whether the ledger turns each finished occurrence into a compact final row (the default: a
   * year at 100,000 customers holds millions of sends; `false` keeps them whole, to show it
   * changes nothing).
   */
  finalRows?: boolean;
  /**
   * Whether the fields the recording senders do not read (all but an SMS's text) are only
   * checked to render, the same failures as rendering them (the default), or `rendered` as real
   * senders need them, to show it changes nothing.
   */
  unreadFields?: UnreadFields;
  /**
   * Occurrences a real ledger already holds (the console's calendar starts from it): the run
   * starts with them finished, so the evaluation finds them done and plans nothing of them, and
   * `sends()` holds none of them (they carry no messages here).
   */
  handled?: readonly HandledOccurrence[];
  /**
   * Whether the records saved into `customers` are handed over (`simulateInGroups`: read from a
   * file or generated for the run): stored frozen in place, not as frozen copies.
   */
  handedOver?: boolean;
}

/**
 * The engine of production on in-memory adapters of the same ports (`shared/adapters/memory/`),
 * with a virtual clock: the same evaluation, dispatch (its policy chain and rendering), release and
 * reconciler, and providers that record instead of sending. Judged as the local replay judges
 * (`DISPATCH_POLICY_TIME=planned`): each send at the instant it was planned for. A tick reads only
 * the customers whose send time has come (`DueIndex.readDue`'s `dueBy`), and a tick at which
 * nobody's has is skipped (`skipIdleTicks: false` reads every customer filed under the date and
 * runs every tick, to show it changes nothing).
 * The dispatch ranks promotions by the day contenders the evaluation carried on the messages
 * (`carryDayContenders: false` drops them on the way, so the dispatch plans each customer's day
 * again as for messages queued without them, to show it changes nothing).
 */
export function composeSimulation(
  config: JourneyConfig,
  {
    skipIdleTicks = true,
    carryDayContenders = true,
    handled = [],
    copies = false,
    finalRows = true,
    unreadFields = 'checked',
    handedOver = false,
  }: SimulationOptions = {},
): Simulation {
  let now = new Date(0);
  const clock = () => now;
  const suppressions = createMemorySuppressionList();
  // Stored once, frozen, and read and filed without copies: the run never changes a customer.
  const customers = createMemoryCustomerBase({}, { suppressions, frozen: handedOver ? 'in-place' : true });
  const ledger = createMemoryLedger({ copies, finalRows });
  const queue = createMemoryDispatchQueue({ clock, keep: false });
  // Kept by send time too: a tick reads only the customers whose send time has come (and a tick
  // at which nobody's has is skipped), not every customer filed under the date at every tick.
  const dueIndex = createMemoryDueIndex({ copies, ...(skipIdleTicks ? { sendAtMinutes: sendAtMinutesOf(config.journeys) } : {}) });
  const schedule = createMemoryMessageSchedule();
  const { counts, ...channels } = createRecordingChannels({ keep: false });
  const journeys = new Map(config.journeys.map((journey) => [journey.id, journey]));

  const startFromHandled = async () => {
    for (const occurrence of handled) {
      await ledger.claimOccurrence({ ...occurrence, messages: [] }, now);
      await ledger.closeOccurrence(occurrence, now);
    }
  };

  return {
    customers,
    run: async ({ from, to }, onDate) => {
      await startFromHandled();
      return simulatePeriod(
        { from, to },
        {
          tick: { journeys: config.journeys, dueIndex, dueIndexState: createMemoryDueIndexState(), customerListing: customers.listing, ledger, queue },
          dispatch: {
            templates: config.templates,
            customers: customers.directory,
            brands: customers.brands,
            journeySenders: new Map(config.journeys.map((journey) => [journey.id, journey.sender])),
            journeys,
            policyTime: 'planned',
            unreadFields,
            schedule,
            ledger,
            ...channels,
            tasks: createMemoryTaskStore(),
            leaseSeconds: sendLeaseSeconds,
            clock,
          },
          release: { schedule, queue },
          reconcile: { ledger, queue },
          queue: carryDayContenders ? queue : { receive: (at) => queue.receive(at).map(({ dayContenders: _dropped, ...message }) => message) },
          setClock: (instant) => (now = instant),
          ...(skipIdleTicks ? { mayFindDue: (date: IsoDate, now: Date) => dueIndex.mayFindDueOn(date, now) } : {}),
          ...(onDate ? { onDate } : {}),
        },
      );
    },
    sends: () =>
      simulatedSendsOf(ledger.occurrences.values() as Iterable<LedgerOccurrence>, {
        // The send as stored: a copy of the whole occurrence per message was most of this read.
        sendOf: (occurrence, messageId) => ledger.storedSend(occurrence, messageId),
        customerOf: (customerId) => customers.profileOf(customerId),
        categoryOf: (journeyId) => journeys.get(journeyId)?.category ?? 'promotional',
      }),
    counts: () => ({ ...counts }),
  };
}
