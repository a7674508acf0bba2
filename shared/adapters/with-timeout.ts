import { TransientDeliveryError } from '../domain/errors';

/**
 * Runs `work` with a deadline: after `ms` the signal aborts and the call rejects with a
 * {@link TransientDeliveryError} (the dispatch is retried), whether or not `work` honours the
 * signal. Work that ignores it may still finish later in the background; for the local sinks
 * that means at worst one extra line or an overwritten file, the same as a redelivery.
 */
export async function withTimeout<T>(what: string, ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new TransientDeliveryError(`${what} did not finish within ${ms} ms`);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
