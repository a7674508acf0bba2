import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

const helpOption = { help: { type: 'boolean', default: false } } as const;

/**
 * Reads a command-line tool's arguments, `--help` included: the values and positionals, or the
 * exit status once it printed the usage (0 for `--help`) or an error followed by the usage (2).
 */
export function readCommandLine<const O extends ParseArgsOptionsConfig>(argv: string[], options: O, usage: string, { positionals }: { positionals: boolean }) {
  try {
    const parsed = parseArgs({ args: argv, allowPositionals: positionals, options: { ...options, ...helpOption } });
    // The generic options hide `help` from the compiler here; it is always among them.
    if ((parsed.values as { help?: boolean }).help) {
      console.log(usage);
      return 0;
    }
    return parsed;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
}
