/** Base of the engine's own errors: adapters translate provider errors into these. */
export class EngineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A delivery that will never succeed as asked (invalid address, rejected recipient): recorded
 * as failed, never retried.
 */
export class PermanentDeliveryError extends EngineError {}

/** A failure worth retrying later (throttling, a 5xx, a dependency down): SQS redelivers. */
export class TransientDeliveryError extends EngineError {}

/** Stored data that does not match the schema: a bug or a bad import, never silently skipped. */
export class CorruptItemError extends EngineError {}
