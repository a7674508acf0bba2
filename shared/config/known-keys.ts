import type { z } from 'zod';

/** The parts of zod's schema definitions needed to find which keys a mapping may have. */
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[] | string[];
  discriminator?: string;
  values?: unknown[];
  entries?: Record<string, string>;
}

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { def: SchemaDef }).def;

/**
 * The keys the mapping at `path` of `data` may have under `schema` (for "did you mean"), or
 * `undefined` where the schema does not say. Follows defaults and optionals, arrays, records
 * keyed by an enum, and discriminated unions by the discriminator written in the data.
 */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[], data: unknown): string[] | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
    case 'readonly':
    case 'catch':
      return knownKeysAt(def.innerType!, path, data);
    case 'pipe':
      return knownKeysAt(def.in!, path, data);
    case 'object': {
      if (path.length === 0) return Object.keys(def.shape!);
      const [key, ...rest] = path;
      const field = def.shape![String(key)];
      return field ? knownKeysAt(field, rest, child(data, key)) : undefined;
    }
    case 'array':
      return path.length === 0 ? undefined : knownKeysAt(def.element!, path.slice(1), child(data, path[0]));
    case 'record': {
      if (path.length === 0) return enumValues(def.keyType!);
      return knownKeysAt(def.valueType!, path.slice(1), child(data, path[0]));
    }
    case 'union': {
      const options = (def.options ?? []) as z.ZodType[];
      const discriminator = def.discriminator;
      const valuesOf = (option: z.ZodType) => {
        const field = discriminator ? defOf(option).shape?.[discriminator] : undefined;
        return field ? defOf(field).values : undefined;
      };
      const written = discriminator ? child(data, discriminator) : undefined;
      const chosen = options.find((option) => valuesOf(option)?.includes(written));
      if (chosen) return knownKeysAt(chosen, path, data);
      const all = options.flatMap((option) => knownKeysAt(option, path, data) ?? []);
      return all.length > 0 ? [...new Set(all)] : undefined;
    }
    default:
      return undefined;
  }
}

function child(data: unknown, key: PropertyKey | undefined): unknown {
  return typeof data === 'object' && data !== null && key !== undefined ? (data as Record<PropertyKey, unknown>)[key] : undefined;
}

function enumValues(schema: z.ZodType): string[] | undefined {
  const def = defOf(schema);
  return def.type === 'enum' && def.entries ? Object.values(def.entries) : undefined;
}

/** The candidate closest to a misspelt name, if it is close enough to be the one meant. */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  // A third of the length: `enabeld` -> `enabled`, `sendat` -> `sendAt`, but not `colour` -> `id`.
  return best && best.distance <= Math.max(1, Math.floor(name.length / 3)) ? best.candidate : undefined;
}

/** Edit distance counting a swap of neighbours as one edit (the typo `enabeld` is one). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = value;
    }
  }
  return rows[a.length]![b.length]!;
}

/** "unknown key `enabeld`; did you mean `enabled`?", or the keys allowed when none is close. */
export function unknownKeyMessage(key: string, known: readonly string[] | undefined): string {
  const nearest = known ? nearestName(key, known) : undefined;
  if (nearest) return `unknown key \`${key}\`; did you mean \`${nearest}\`?`;
  if (known && known.length > 0) return `unknown key \`${key}\`; expected one of ${known.map((name) => `\`${name}\``).join(', ')}`;
  return `unknown key \`${key}\``;
}
