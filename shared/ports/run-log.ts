import type { RunRecord } from '../domain/run-record';

/** Where scheduled runs are recorded (one small item each) and read back for the Health page. */
export interface RunLog {
  record(run: RunRecord): Promise<void>;
  /** Runs started from `since` up to `until`, oldest first; stored runs that do not parse are counted, not returned. */
  runsBetween(since: Date, until: Date): Promise<{ runs: RunRecord[]; unreadable: number }>;
}
