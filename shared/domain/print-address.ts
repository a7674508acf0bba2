import type { PostalAddress } from './customer';

/**
 * The parts a postal address lacks for a piece to reach the customer: no address at all, no
 * street line, no postcode, no city, no country. Blank text counts as missing (an import may
 * carry " "). Empty when the address is complete. Names parts only, never their values.
 */
export function missingAddressParts(address: PostalAddress | undefined): string[] {
  if (address === undefined) return ['address'];
  const blank = (text: string | undefined) => text === undefined || text.trim() === '';
  const missing: string[] = [];
  if (address.lines.length === 0 || address.lines.every(blank)) missing.push('street');
  if (blank(address.postcode)) missing.push('postcode');
  if (blank(address.city)) missing.push('city');
  if (!/^[A-Z]{2}$/.test(address.country)) missing.push('country');
  return missing;
}
