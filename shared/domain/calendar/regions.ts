import * as z from 'zod';

/** Which half of the Earth a region lies in: it decides when its seasons come. */
export const Hemisphere = ['north', 'south'] as const;
export type Hemisphere = (typeof Hemisphere)[number];

/** A region as ISO 3166: a country (`AU`) or a subdivision of one (`AU-NSW`, `CN-SH`). */
export const RegionCode = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'expected an ISO 3166 country code such as "AU", or a subdivision such as "AU-NSW"');
export type RegionCode = z.infer<typeof RegionCode>;

/**
 * Countries in the southern hemisphere, as data: those whose territory, or for countries the
 * equator crosses, most of whose people, lie south of it (Brazil, Indonesia via Java, Kenya via
 * Nairobi and Mombasa, Ecuador via Quito and Guayaquil). Every other country is northern.
 */
export const SOUTHERN_HEMISPHERE_COUNTRIES: ReadonlySet<string> = new Set([
  // Oceania
  'AU', 'NZ', 'FJ', 'NC', 'PF', 'PG', 'SB', 'VU', 'WS', 'TO', 'TV', 'NR', 'CK', 'NU', 'WF', 'AS', 'NF', 'PN', 'TK',
  // South America
  'AR', 'BO', 'BR', 'CL', 'EC', 'PE', 'PY', 'UY', 'FK', 'GS',
  // Africa and the Indian Ocean
  'ZA', 'AO', 'BI', 'BW', 'CD', 'CG', 'KE', 'KM', 'LS', 'MG', 'MU', 'MW', 'MZ', 'NA', 'RE', 'RW', 'SC', 'SH', 'SZ', 'TZ', 'YT', 'ZM', 'ZW',
  // Asia
  'ID', 'TL',
  // Antarctic and sub-Antarctic territories
  'AQ', 'BV', 'HM', 'TF',
]);

/**
 * The hemisphere of a region, from its country code; subdivisions follow their country.
 *
 * @example hemisphereOf('AU-NSW') // 'south'
 * @example hemisphereOf('CN') // 'north'
 */
export function hemisphereOf(region: RegionCode): Hemisphere {
  return SOUTHERN_HEMISPHERE_COUNTRIES.has(region.slice(0, 2)) ? 'south' : 'north';
}
