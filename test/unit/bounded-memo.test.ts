import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../shared/domain/bounded-memo';

describe('a bounded memo', () => {
  it('computes once per key and gives the kept answer after, undefined answers included', () => {
    const asked: string[] = [];
    const lengthOrNothing = boundedMemo(10, (key: string) => {
      asked.push(key);
      return key.length > 1 ? key.length : undefined;
    });

    expect([lengthOrNothing('ab'), lengthOrNothing('x'), lengthOrNothing('ab'), lengthOrNothing('x'), lengthOrNothing('abc')]).toEqual([2, undefined, 2, undefined, 3]);
    expect(asked).toEqual(['ab', 'x', 'abc']);
  });

  it('starts over when full, so it never keeps more than its limit', () => {
    const asked: number[] = [];
    const doubled = boundedMemo(2, (key: number) => {
      asked.push(key);
      return key * 2;
    });

    // 1 and 2 fill it; 3 clears it and is kept alone; 1 is then computed again, 3 is not.
    expect([1, 2, 3, 1, 3].map(doubled)).toEqual([2, 4, 6, 2, 6]);
    expect(asked).toEqual([1, 2, 3, 1]);
  });
});
