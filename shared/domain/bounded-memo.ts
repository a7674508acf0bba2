/**
 * `compute` with its answers kept by key, at most `limit` of them: when full, the table starts
 * over (a bound, not an LRU: a refill costs one computation per key). For pure computations asked
 * again and again with the same keys (a customer's phone number per text, a dealer's tag per
 * email, a day number's date per customer), where a warm Lambda or a long simulation meets ever
 * new keys. An `undefined` answer is kept like any other.
 */
export function boundedMemo<K, V>(limit: number, compute: (key: K) => V): (key: K) => V {
  const kept = new Map<K, V>();
  return (key) => {
    const found = kept.get(key);
    if (found !== undefined || kept.has(key)) return found as V;
    const value = compute(key);
    if (kept.size >= limit) kept.clear();
    kept.set(key, value);
    return value;
  };
}
