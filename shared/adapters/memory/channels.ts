import type { EmailSender, OutgoingEmail, OutgoingSms, SmsSender } from '../../ports/channels';
import type { PrintPiece, PrintRenderer, PrintStore } from '../../ports/print';
import type { TaskDelivery, TaskWebhook } from '../../ports/tasks';
import { stagedPieceKey } from '../../domain/print-batch';

/** What the recording senders kept: each message when `keep`, and counts always. */
export interface RecordingChannels {
  email: EmailSender & { sent: OutgoingEmail[] };
  sms: SmsSender & { sent: OutgoingSms[] };
  printRenderer: PrintRenderer & { pieces: PrintPiece[] };
  printStore: PrintStore & { keys: string[] };
  taskWebhook: TaskWebhook & { delivered: TaskDelivery[] };
  counts: { email: number; sms: number; print: number; webhook: number };
}

/** A placeholder PDF: the four bytes `%PDF`. */
const placeholderPdf = new Uint8Array([37, 80, 68, 70]);

/**
 * The channels' providers in memory: each send is accepted and recorded instead of leaving the
 * machine. `keep: false` (simulate, with millions of sends) counts them and keeps no copy. The
 * print renderer lays nothing out, so a card too long for its page is not caught here.
 */
export function createRecordingChannels({ keep = true }: { keep?: boolean } = {}): RecordingChannels {
  const counts = { email: 0, sms: 0, print: 0, webhook: 0 };
  const record = <T>(list: T[], item: T) => {
    if (keep) list.push(item);
  };
  const emails: OutgoingEmail[] = [];
  const texts: OutgoingSms[] = [];
  const pieces: PrintPiece[] = [];
  const keys: string[] = [];
  const delivered: TaskDelivery[] = [];
  return {
    counts,
    email: { sent: emails, sendEmail: async (email) => (record(emails, email), { providerMessageId: `email-${(counts.email += 1)}` }) },
    sms: { sent: texts, sendSms: async (sms) => (record(texts, sms), { providerMessageId: `sms-${(counts.sms += 1)}` }) },
    printRenderer: { pieces, renderPrintPiece: async (piece) => (record(pieces, piece), (counts.print += 1), placeholderPdf) },
    printStore: {
      keys,
      storePrintFile: async (key) => (record(keys, key), { location: `/print/${key}` }),
      // Kept as a file would be, under its key: the record is not serialised only to be dropped.
      storeStagedPiece: async (staged) => {
        const key = stagedPieceKey(staged.pieceId);
        record(keys, key);
        return { location: `/print/${key}` };
      },
    },
    taskWebhook: { delivered, deliverTask: async (delivery) => (record(delivered, delivery), (counts.webhook += 1), { deliveryId: delivery.task.id }) },
  };
}
