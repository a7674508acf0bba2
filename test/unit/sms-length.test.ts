import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { smsLength } from '../../shared/domain/sms';

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
});
