import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { smsLength, type SmsLength } from '../../shared/domain/sms';

/** The count written plainly, character by character over the text's code points: what the one-pass count must equal. */
function plainSmsLength(text: string): SmsLength {
  const basic = new Set('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà');
  const extension = new Set('\f^{}\\[~]|€');
  const characters = [...text];
  const gsm = characters.every((c) => basic.has(c) || extension.has(c));
  const units = gsm ? characters.map((c) => (extension.has(c) ? 2 : 1)) : characters.map((c) => c.length);
  const encoding = gsm ? 'GSM-7' : 'UCS-2';
  const total = units.reduce((sum, n) => sum + n, 0);
  const { single, multi } = gsm ? { single: 160, multi: 153 } : { single: 70, multi: 67 };
  if (total === 0) return { encoding, segments: 0 };
  if (total <= single) return { encoding, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const n of units) {
    if (used + n > multi) {
      segments++;
      used = 0;
    }
    used += n;
  }
  return { encoding, segments };
}

// Characters of every kind the count tells apart: GSM-7's alphabet and extension, other BMP
// characters, surrogate pairs and lone surrogates.
const smsCharacter = fc.oneof(
  fc.constantFrom(...'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'),
  fc.constantFrom(...'\f^{}\\[~]|€'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)),
);

describe('smsLength', () => {
  it.each([
    ['a', 160, { encoding: 'GSM-7', segments: 1 }],
    ['a', 161, { encoding: 'GSM-7', segments: 2 }],
    ['a', 306, { encoding: 'GSM-7', segments: 2 }],
    ['a', 307, { encoding: 'GSM-7', segments: 3 }],
    ['生', 70, { encoding: 'UCS-2', segments: 1 }],
    ['生', 71, { encoding: 'UCS-2', segments: 2 }],
    ['生', 134, { encoding: 'UCS-2', segments: 2 }],
    ['生', 135, { encoding: 'UCS-2', segments: 3 }],
  ] as const)('counts %s × %i as %o', (character, times, expected) => {
    expect(smsLength(character.repeat(times))).toEqual(expected);
  });

  it('sends the whole text as UCS-2 when one character is outside GSM-7', () => {
    expect(smsLength(`${'a'.repeat(100)}’`)).toEqual({ encoding: 'UCS-2', segments: 2 });
  });

  it('counts a GSM-7 extension character as two septets, never split across segments', () => {
    expect(smsLength('€'.repeat(80))).toEqual({ encoding: 'GSM-7', segments: 1 });
    expect(smsLength('€'.repeat(81))).toEqual({ encoding: 'GSM-7', segments: 2 });
    // 152 septets then a two-septet euro: it starts the second segment instead of straddling.
    expect(smsLength(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toEqual({ encoding: 'GSM-7', segments: 3 });
  });

  it('keeps an emoji (a surrogate pair) whole within one segment', () => {
    expect(smsLength('🎂'.repeat(35))).toEqual({ encoding: 'UCS-2', segments: 1 });
    expect(smsLength(`${'生'.repeat(69)}🎂`)).toEqual({ encoding: 'UCS-2', segments: 2 });
    // 66 units then a two-unit emoji: it starts the second segment, so 134 units need three.
    expect(smsLength(`${'生'.repeat(66)}🎂${'生'.repeat(66)}`)).toEqual({ encoding: 'UCS-2', segments: 3 });
  });

  it('never needs fewer segments for a longer text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 50 }), (text, more) => {
        expect(smsLength(text + more).segments).toBeGreaterThanOrEqual(smsLength(text).segments);
      }),
    );
  });

  it('counts as the plain count over code points does (property: GSM-7, extension, other, paired and lone surrogates)', () => {
    const mostly = (character: fc.Arbitrary<string>) => fc.array(character, { maxLength: 480 }).map((characters) => characters.join(''));
    fc.assert(
      fc.property(fc.oneof(mostly(smsCharacter), mostly(fc.constantFrom('a', '€', '{')), mostly(fc.constantFrom('生', '🎂', 'a', '\ud83c'))), (text) => {
        expect(smsLength(text)).toEqual(plainSmsLength(text));
      }),
      { numRuns: 2000, examples: [[''], ['a'.repeat(153) + '€'], ['生'.repeat(66) + '🎂'], ['\ud83c'.repeat(71)], ['🎂'.repeat(36)]] },
    );
  });
});
