import type { CustomerContext } from '../domain/customer';
import type { DispatchMessage } from '../domain/dispatch-message';
import { UnprintablePieceError } from '../domain/errors';
import type { SenderIdentity } from '../domain/brand';
import { pieceId, stagedPieceKey, type BatchSender, type StagedPiece } from '../domain/print-batch';
import { printPieceOf } from '../domain/print-piece';
import type { RenderedMessage } from '../domain/render';
import type { PrintRenderer, PrintStore } from '../ports/print';

type RenderedPrint = Extract<RenderedMessage, { channel: 'print' }>;

// One encoder for every piece staged (it keeps no state between calls).
const utf8 = new TextEncoder();

/**
 * Renders a print piece to its own PDF and stages it for the day's batch: `<piece id>.pdf`, and
 * `staged/<piece id>.json` (the piece as rendered, its sender and send). A piece that cannot
 * be printed (an incomplete address, one that does not fit the window, a glyph the font lacks) is
 * staged as unprintable with the reason, so the batch's report lists it, and fails the send with
 * that reason. Both files are keyed by occurrence and message: a redelivery overwrites, never adds.
 */
export async function deliverPrint(
  rendered: RenderedPrint,
  { customer, dealer }: CustomerContext,
  sender: SenderIdentity,
  message: DispatchMessage,
  deps: { printRenderer: PrintRenderer; printStore: PrintStore },
): Promise<{ providerMessageId: string; location: string }> {
  const staged = {
    pieceId: pieceId({ sendDate: message.sendDate ?? message.occurrenceDate, journeyId: message.journeyId, customerId: message.customerId, messageId: message.messageId }),
    sendDate: message.sendDate ?? message.occurrenceDate,
    send: { customerId: message.customerId, journeyId: message.journeyId, occurrenceKey: message.occurrenceKey, messageId: message.messageId },
    template: message.template,
    // The batch is per sender: the dealer, or for a brand-sent journey the dealer's brand.
    sender: (sender.kind === 'brand' && dealer.brandId ? { kind: 'brand', id: dealer.brandId } : { kind: 'dealer', id: dealer.id }) satisfies BatchSender,
  };
  const stage = (record: StagedPiece) => stagePiece(deps.printStore, record);

  const choice = printPieceOf(rendered, customer, sender);
  if (!choice.ok) {
    await stage({ ...staged, status: 'unprintable', reason: choice.reason });
    throw new UnprintablePieceError(choice.reason);
  }
  const { piece } = choice;
  let pdf: Uint8Array;
  try {
    pdf = await deps.printRenderer.renderPrintPiece(piece);
  } catch (error) {
    if (error instanceof UnprintablePieceError) await stage({ ...staged, status: 'unprintable', reason: error.message });
    throw error;
  }
  // The record first: a piece file without its record would be a piece the batch cannot list.
  await stage({ ...staged, status: 'printable', piece });
  const stored = await deps.printStore.storePrintFile(`${staged.pieceId}.pdf`, pdf);
  return { providerMessageId: `${staged.pieceId}.pdf`, location: stored.location };
}

/** The piece's staged record stored: as it is where the store takes it so, else as its JSON. */
function stagePiece(store: PrintStore, record: StagedPiece): Promise<{ location: string }> {
  return store.storeStagedPiece ? store.storeStagedPiece(record) : store.storePrintFile(stagedPieceKey(record.pieceId), utf8.encode(JSON.stringify(record)));
}
