import { afterAll, beforeAll } from 'vitest';
import { freshEngineTable, startTestEngine } from './local-engine';

type TestEngine = Awaited<ReturnType<typeof startTestEngine>>;

/**
 * The local engine for the adapter side of a contract suite, started before the suite and
 * stopped after it (call inside its `describe`), with a fresh table per test so tests share no state.
 */
export function localEngineForContract(tablePrefix: string, options: Parameters<typeof startTestEngine>[0] = {}): { engine: () => TestEngine; freshTable: () => Promise<string> } {
  let engine: TestEngine | undefined;
  let tables = 0;
  beforeAll(async () => {
    engine = await startTestEngine(options);
  });
  afterAll(async () => {
    await engine?.cleanUp();
  });
  return { engine: () => engine!, freshTable: () => freshEngineTable(engine!, `${tablePrefix}-${(tables += 1)}`) };
}
