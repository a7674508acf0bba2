import type { z } from 'zod';
import { Journey, Template } from '../domain/journey/schema';
import { knownKeysAt, unknownKeyMessage } from './known-keys';
import { checkTemplateRendersFor, checkTemplateTexts } from './template-checks';
import type { ConfigFile, ConfigViolation } from './violations';
import { YamlSource } from './yaml-source';

export { formatViolation, type ConfigFile, type ConfigViolation } from './violations';

export interface JourneyConfig {
  journeys: Journey[];
  templates: Map<string, Template>;
}

export type JourneyConfigResult =
  | { ok: true; config: JourneyConfig }
  | { ok: false; violations: ConfigViolation[] };

interface ParsedFile<T> {
  source: YamlSource;
  value: T;
}

/**
 * Checks journey and template files, the Liquid in every template and the cross-references.
 * Pure: the same check serves start-up (fail fast) and a `validate` command; it returns every
 * violation, not the first.
 */
export function checkJourneyConfig(journeyFiles: ConfigFile[], templateFiles: ConfigFile[]): JourneyConfigResult {
  const violations: ConfigViolation[] = [];
  const journeys = journeyFiles.flatMap((file) => parseFile(file, Journey, violations));
  const templates = templateFiles.flatMap((file) => parseFile(file, Template, violations));

  // Only a template whose texts parse and read known variables is rendered for its journeys.
  const templateByName = new Map<string, ParsedFile<Template> & { textsValid: boolean }>();
  for (const parsed of templates) {
    const textViolations = checkTemplateTexts(parsed.source, parsed.value);
    violations.push(...textViolations);
    templateByName.set(baseName(parsed.source.file.path), { ...parsed, textsValid: textViolations.length === 0 });
  }

  const journeyIds = new Map<string, string>();
  const rendered = new Set<string>();
  for (const { source, value: journey } of journeys) {
    const other = journeyIds.get(journey.id);
    if (other) violations.push(source.at(['id'], `journey id "${journey.id}" is also used by ${other}`));
    journeyIds.set(journey.id, source.file.path);
    // A step's template, and its fallback's: each must exist, be for the channel and render for the journey.
    const checkTemplate = (path: (string | number)[], name: string, channel: string) => {
      const template = templateByName.get(name);
      if (!template) {
        violations.push(source.at(path, `no template "${name}" in journeys/templates/`));
      } else if (template.value.channel !== channel) {
        violations.push(source.at(path, `template "${name}" is for ${template.value.channel}, but the step is sent by ${channel}`));
      } else if (template.textsValid && !rendered.has(`${name}\n${journey.trigger.type}`)) {
        // Samples depend on the trigger only: render each template once per trigger kind.
        rendered.add(`${name}\n${journey.trigger.type}`);
        violations.push(...checkTemplateRendersFor(template.source, template.value, journey));
      }
    };
    journey.steps.forEach((message, index) => {
      checkTemplate(['steps', index, 'template'], message.template, message.channel);
      if (message.fallback) checkTemplate(['steps', index, 'fallback', 'template'], message.fallback.template, message.fallback.channel);
    });
  }

  if (violations.length > 0) {
    // In reading order: by file, then line (sort is stable, so one line keeps its order).
    violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    return { ok: false, violations };
  }
  const byName = new Map([...templateByName].map(([name, parsed]) => [name, parsed.value]));
  return { ok: true, config: { journeys: journeys.map((parsed) => parsed.value), templates: byName } };
}

function parseFile<T>(file: ConfigFile, schema: z.ZodType<T>, violations: ConfigViolation[]): ParsedFile<T>[] {
  const parsedYaml = YamlSource.parse(file);
  if ('violations' in parsedYaml) {
    violations.push(...parsedYaml.violations);
    return [];
  }
  const { source } = parsedYaml;
  const data = source.toJS();
  const result = schema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        // One violation per key, on the key's own line, with the key meant where one is close.
        const known = knownKeysAt(schema, issue.path, data);
        for (const key of issue.keys) violations.push(source.atKey(issue.path, key, unknownKeyMessage(key, known)));
      } else {
        violations.push(source.at(issue.path, issue.message));
      }
    }
    return [];
  }
  return [{ source, value: result.data }];
}

function baseName(path: string): string {
  return path.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
}
