/**
 * libphonenumber with its full metadata (a third of the dispatch bundle) as a CommonJS bundle of
 * its own beside the dispatch handler: infra builds `file` from `entry` and has the handler's
 * `replaces` resolve to `shim`, which requires the file on the first phone number checked (SMS
 * sends only). Run from source, `libphonenumber-js/max` is the package itself.
 */
export const phoneNumbersBundle = {
  file: 'phone-numbers.cjs',
  entry: 'node_modules/libphonenumber-js/max/index.cjs',
  replaces: 'libphonenumber-js/max',
  shim: 'shared/adapters/phone/lazy-phone-numbers.ts',
} as const;
