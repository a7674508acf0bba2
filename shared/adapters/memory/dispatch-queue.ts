import type { DispatchMessage } from '../../domain/dispatch-message';
import { EngineError } from '../../domain/errors';
import { maxQueueDelaySeconds, type DispatchQueue } from '../../ports/channels';

/** The dispatch queue in memory, read the way a consumer reads SQS: what is visible, each message once. */
export interface MemoryDispatchQueue extends DispatchQueue {
  /** Removes and returns the messages visible at `now` (their delay over), oldest first. */
  receive(now: Date): DispatchMessage[];
  /** Messages waiting, visible or not. */
  size(): number;
}

/**
 * The dispatch queue in memory, with the SQS adapter's rules (the contract suite runs both): the
 * same delay check, and a delayed message stays invisible until `clock()` at enqueue plus its
 * delay. `simulate` runs the engine on it with its virtual clock; unit tests read `messages`.
 */
export function createMemoryDispatchQueue({ clock = () => new Date(), keep = true }: { clock?: () => Date; keep?: boolean } = {}): MemoryDispatchQueue & { messages: DispatchMessage[] } {
  let waiting: { message: DispatchMessage; visibleAt: number }[] = [];
  const messages: DispatchMessage[] = [];
  return {
    /** Every message ever enqueued, in order (for tests); empty with `keep: false` (simulate's millions). */
    messages,
    async enqueue(batch, { delaySeconds } = {}) {
      if (delaySeconds !== undefined && !(Number.isInteger(delaySeconds) && delaySeconds >= 0 && delaySeconds <= maxQueueDelaySeconds)) {
        throw new EngineError(`a dispatch delay must be whole seconds from 0 to ${maxQueueDelaySeconds}, not ${delaySeconds}`);
      }
      const visibleAt = clock().getTime() + (delaySeconds ?? 0) * 1000;
      for (const message of batch) {
        if (keep) messages.push(message);
        waiting.push({ message, visibleAt });
      }
    },
    receive(now) {
      const visible = waiting.filter((entry) => entry.visibleAt <= now.getTime());
      if (visible.length === 0) return [];
      waiting = waiting.filter((entry) => entry.visibleAt > now.getTime());
      return visible.map((entry) => entry.message);
    },
    size: () => waiting.length,
  };
}
