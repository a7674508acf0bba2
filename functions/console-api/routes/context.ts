import type { ConsoleDeps } from '../../../shared/compose/console';

/** What a console route module is built from: the adapters and the clock. */
export interface ConsoleRouteContext {
  deps: ConsoleDeps;
  now: () => Date;
}

/** The UTC date of an instant: the console's "today" for counts ahead. */
export const utcDateOf = (instant: Date): string => instant.toISOString().slice(0, 10);
