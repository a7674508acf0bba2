import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { Journey, Template } from '../domain/journey/schema';

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

export interface JourneyConfig {
  journeys: Journey[];
  templates: Map<string, Template>;
}

export type JourneyConfigResult =
  | { ok: true; config: JourneyConfig }
  | { ok: false; violations: ConfigViolation[] };

interface ParsedFile<T> {
  file: ConfigFile;
  value: T;
  document: Document;
  lines: LineCounter;
}

/**
 * Checks journey and template files and their cross-references. Pure: the same check serves
 * start-up (fail fast) and a `validate` command; it returns every violation, not the first.
 */
export function checkJourneyConfig(journeyFiles: ConfigFile[], templateFiles: ConfigFile[]): JourneyConfigResult {
  const violations: ConfigViolation[] = [];
  const journeys = journeyFiles.flatMap((file) => parseFile(file, Journey, violations));
  const templates = templateFiles.flatMap((file) => parseFile(file, Template, violations));

  const templateByName = new Map<string, Template>();
  for (const parsed of templates) templateByName.set(baseName(parsed.file.path), parsed.value);

  const journeyIds = new Map<string, string>();
  for (const { file, value: journey, document, lines } of journeys) {
    const other = journeyIds.get(journey.id);
    if (other) {
      violations.push(locate(file, document, lines, ['id'], `journey id "${journey.id}" is also used by ${other}`));
    }
    journeyIds.set(journey.id, file.path);
    journey.messages.forEach((message, index) => {
      const template = templateByName.get(message.template);
      if (!template) {
        violations.push(
          locate(file, document, lines, ['messages', index, 'template'], `no template "${message.template}" in journeys/templates/`),
        );
      } else if (template.channel !== message.channel) {
        violations.push(
          locate(
            file,
            document,
            lines,
            ['messages', index, 'template'],
            `template "${message.template}" is for ${template.channel}, but the message is sent by ${message.channel}`,
          ),
        );
      }
    });
  }

  if (violations.length > 0) return { ok: false, violations };
  return { ok: true, config: { journeys: journeys.map((parsed) => parsed.value), templates: templateByName } };
}

/** `file:line field: message`, the form CLIs and start-up print. */
export function formatViolation(violation: ConfigViolation): string {
  const field = violation.field ? ` ${violation.field}:` : '';
  return `${violation.file}:${violation.line}${field} ${violation.message}`;
}

function parseFile<T>(file: ConfigFile, schema: z.ZodType<T>, violations: ConfigViolation[]): ParsedFile<T>[] {
  const lines = new LineCounter();
  const document = parseDocument(file.text, { lineCounter: lines, prettyErrors: false });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const position = error.linePos?.[0];
      violations.push({ file: file.path, line: position?.line ?? 1, field: '', message: error.message.split('\n')[0]! });
    }
    return [];
  }
  if (!isMap(document.contents)) {
    violations.push({ file: file.path, line: 1, field: '', message: 'expected a mapping of fields' });
    return [];
  }
  const result = schema.safeParse(document.toJS());
  if (!result.success) {
    for (const issue of result.error.issues) {
      violations.push(locate(file, document, lines, issue.path, issue.message));
    }
    return [];
  }
  return [{ file, value: result.data, document, lines }];
}

function locate(
  file: ConfigFile,
  document: Document,
  lines: LineCounter,
  path: PropertyKey[],
  message: string,
): ConfigViolation {
  // Walk up the path until a node exists: a missing field is reported at its parent.
  let line = 1;
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = document.getIn(path.slice(0, depth) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    if (node?.range) {
      line = lines.linePos(node.range[0]).line;
      break;
    }
  }
  return { file: file.path, line, field: path.map(String).join('.'), message };
}

function baseName(path: string): string {
  return path.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
}
