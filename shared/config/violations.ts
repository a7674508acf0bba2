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
