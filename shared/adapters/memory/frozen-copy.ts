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

/**
 * Plain data frozen in place, deeply, and given back: for a store handed data nobody else keeps
 * (the simulation's customers, read from a file or generated), where a copy of each cost several
 * times more than the rest of storing it. Walked whole even where already frozen: an object
 * frozen on the outside may hold changeable ones.
 */
export function deepFrozen<T>(value: T): T {
  freeze(value);
  return value;
}

function freeze(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let at = 0; at < value.length; at += 1) freeze(value[at]);
  } else {
    assertPlainObject(value);
    for (const key of Object.keys(value)) freeze((value as Record<string, unknown>)[key]);
  }
  Object.freeze(value);
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
  assertPlainObject(value);
  // Field by field into one new object (no entry arrays per object: a hundred thousand customers
  // are millions of objects); a `__proto__` key defined as a field, as `Object.fromEntries` would.
  const copied: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = copy((value as Record<string, unknown>)[key], strings);
    if (key === '__proto__') Object.defineProperty(copied, key, { value: field, enumerable: true, writable: true, configurable: true });
    else copied[key] = field;
  }
  return Object.freeze(copied);
}

/** Stores keep plain data only: a class instance (a Date) would come back changed from a copy or a read. */
function assertPlainObject(value: object): void {
  if (Object.getPrototypeOf(value) !== Object.prototype) throw new TypeError(`only plain data is stored, not ${Object.prototype.toString.call(value)}`);
}
