import type { SendingPauses } from '../ports/sending-pause';

/** How long a dispatcher trusts the switches it read: a pause takes effect within this. */
export const pauseCacheMs = 30_000;

/**
 * The pause switches read at most once per `ttlMs`: every send checks them, and one Query per
 * send for a switch that changes a few times a year would double the dispatch's reads.
 */
export function cachedActivePauses(source: Pick<SendingPauses, 'activePauses'>, { ttlMs = pauseCacheMs, clock }: { ttlMs?: number; clock: () => Date }): Pick<SendingPauses, 'activePauses'> {
  let cached: { until: number; pauses: ReturnType<SendingPauses['activePauses']> } | undefined;
  return {
    activePauses() {
      const now = clock().getTime();
      if (!cached || now >= cached.until) {
        const pauses = source.activePauses();
        cached = { until: now + ttlMs, pauses };
        // A failed read is not cached: the next send asks again.
        pauses.catch(() => {
          if (cached?.pauses === pauses) cached = undefined;
        });
      }
      return cached.pauses;
    },
  };
}
