/** A problem in the marketers' config, located for an editor or a CLI message. */
export interface ConfigViolation {
  file: string;
  line: number;
  field: string;
  message: string;
}

export interface ConfigFile {
  /** Path as shown to people, e.g. `journeys/birthday.yaml`. */
  path: string;
  text: string;
}

/** `file:line field: message`, the form CLIs and start-up print. */
export function formatViolation(violation: ConfigViolation): string {
  const field = violation.field ? ` ${violation.field}:` : '';
  return `${violation.file}:${violation.line}${field} ${violation.message}`;
}

/** The list `npm run validate` and a refused `npm start` print: one violation a line, then the count. */
export function violationReport(violations: readonly ConfigViolation[], folder: string): string {
  return [...violations.map(formatViolation), `${violations.length} problem(s) found in ${folder}.`].join('\n');
}
