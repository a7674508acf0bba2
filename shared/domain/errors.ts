/** Base of the engine's own errors: adapters translate provider errors into these. */
export class EngineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Base of every failure that may succeed if the same work is tried again later (throttling, a
 * timeout, a provider 5xx, a lease held by another attempt): the caller throws it on so SQS
 * redelivers. Anything that is not one of these and not a known permanent failure is treated
 * the same way (see `classifyDispatchFailure`).
 */
export class RetryLaterError extends EngineError {}

/**
 * A delivery that will never succeed as asked (invalid address, rejected recipient, a piece that
 * cannot be printed as written): recorded as failed, never retried. Messages carry no personal
 * data: they are stored as the failure reason.
 */
export class PermanentDeliveryError extends EngineError {}

/** A failure worth retrying later (throttling, a 5xx, a timeout, a dependency down): SQS redelivers. */
export class TransientDeliveryError extends RetryLaterError {}

/** Stored data that does not match the schema: a bug or a bad import, never silently skipped. */
export class CorruptItemError extends EngineError {}

/**
 * A print piece that cannot be printed whole as written: an address that does not fit the
 * envelope window, a character the print font lacks. Printing it cut or with empty boxes would
 * mail a card that may never arrive or reads wrong, so the piece fails with this reason instead.
 */
export class UnprintablePieceError extends PermanentDeliveryError {}
