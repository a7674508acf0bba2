import { afterEach, describe, expect, it, vi } from 'vitest';
import { readCommandLine } from '../../scripts/command-line';

const options = { table: { type: 'string' }, 'data-dir': { type: 'string', default: '.local' } } as const;

describe('a command-line tool reading its arguments', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives the values with their defaults, and the positionals when the tool takes them', () => {
    const parsed = readCommandLine(['list', '--table', 'T'], options, 'usage', { positionals: true });
    expect(parsed).toMatchObject({ values: { table: 'T', 'data-dir': '.local', help: false }, positionals: ['list'] });
  });

  it('prints the usage and exits 0 on --help, 2 with the error on an unknown option or a stray argument', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(readCommandLine(['--help'], options, 'the usage', { positionals: true })).toBe(0);
    expect(log).toHaveBeenCalledWith('the usage');
    expect(readCommandLine(['--bogus'], options, 'the usage', { positionals: true })).toBe(2);
    expect(readCommandLine(['stray'], options, 'the usage', { positionals: false })).toBe(2);
    expect(error.mock.calls.map(([text]) => String(text))).toEqual([expect.stringMatching(/--bogus[\s\S]*the usage$/), expect.stringMatching(/stray[\s\S]*the usage$/)]);
  });
});
