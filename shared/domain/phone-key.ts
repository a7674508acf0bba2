/**
 * The form a stored phone number is indexed under for inbound SMS: `+` and the digits, spaces,
 * dots, dashes and brackets dropped (`+86 138 1234 5678` is `+8613812345678`). Stored numbers are
 * E.164 already (the import and the event API check them with libphonenumber); this only evens out
 * how they were written, without the 150 KB of phone metadata in every bundle that writes a
 * customer. Undefined for anything not written as an international number.
 */
export function phoneIndexForm(stored: string): string | undefined {
  if (!/^\+[\d\s().-]+$/.test(stored)) return undefined;
  const digits = stored.replace(/\D/g, '');
  return digits.length >= 6 && digits.length <= 15 ? `+${digits}` : undefined;
}
