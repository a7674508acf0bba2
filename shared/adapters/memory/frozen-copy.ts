/**
 * A deep copy of plain data (objects, arrays, strings, numbers, booleans), frozen, with every
 * string equal to one already copied through the same `strings` kept once. For stores that hand
 * out what they hold without a copy per read: frozen, a reader cannot change what is stored (an
 * attempt throws); interned, a hundred thousand customers' dealer ids, dates and consent sources
 * are not a hundred thousand strings each.
 */
export function frozenCopy<T>(value: T, strings: Map<string, string>): T {
  return copy(value, strings) as T;
}

function copy(value: unknown, strings: Map<string, string>): unknown {
  if (typeof value === 'string') {
    const kept = strings.get(value);
    if (kept !== undefined) return kept;
    strings.set(value, value);
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return Object.freeze(value.map((item) => copy(item, strings)));
  if (Object.getPrototypeOf(value) !== Object.prototype) throw new TypeError(`only plain data is stored, not ${Object.prototype.toString.call(value)}`);
  // A loop filling one object: entries and fromEntries built two arrays and a pair per field.
  const copied: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = copy((value as Record<string, unknown>)[key], strings);
    // An own `__proto__` (JSON.parse makes one) stays an own field, as fromEntries kept it, not the prototype.
    if (key === '__proto__') Object.defineProperty(copied, key, { value: field, enumerable: true, writable: true, configurable: true });
    else copied[key] = field;
  }
  return Object.freeze(copied);
}
