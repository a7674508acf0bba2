import { describe, expect, it } from 'vitest';
import { budgetVerdict } from '../../../bench/bundles';

const init = (cpuMs: number) => ({ wallMs: cpuMs, cpuMs, runs: 3 });

describe('the bundle budgets of the bench', () => {
  it('holds the event intake (the API function) to 300 KB and 150 ms of module init, like the evaluation', () => {
    expect(budgetVerdict({ service: 'engine-api', bundleBytes: 120_000, init: init(60) })).toBe('within');
    expect(budgetVerdict({ service: 'engine-api', bundleBytes: 310_000, init: init(160) })).toBe('bundle over 300 KB, init over 150 ms');
    expect(budgetVerdict({ service: 'evaluate-schedule', bundleBytes: 120_000, init: init(151) })).toBe('init over 150 ms');
  });

  it('holds dispatch to 150 ms of module init (issue 14), whatever its bundle size', () => {
    expect(budgetVerdict({ service: 'dispatch-messages', bundleBytes: 2_000_000, init: init(140) })).toBe('within');
    expect(budgetVerdict({ service: 'dispatch-messages', bundleBytes: 2_000_000, init: init(900) })).toBe('init over 150 ms');
  });

  it('gives no verdict for a function without a budget', () => {
    expect(budgetVerdict({ service: 'reconcile-ledger', bundleBytes: 2_000_000, init: init(900) })).toBeUndefined();
  });
});
