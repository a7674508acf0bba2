/**
 * Load-time checks of the Liquid in templates, so a template that would fail for one locale or
 * one kind of customer is reported before anything is sent: every text of every locale is
 * parsed (unclosed tags, unknown filters, file tags), its variables are checked against what a
 * message context holds, and it is rendered against the sample contexts of each journey that
 * sends it.
 */
import type { Locale } from '../domain/customer';
import type { Journey, Template } from '../domain/journey/schema';
import { fullSampleContext, sampleContextsFor } from '../domain/journey/sample-contexts';
import { contextVariablesOf, isHtmlField, parseTemplateText, renderTemplateText, TemplateRenderError } from '../domain/render';
import { nearestName } from './known-keys';
import type { ConfigViolation } from './violations';
import type { YamlSource } from './yaml-source';

interface TemplateText {
  locale: Locale;
  field: string;
  source: string;
  path: [string, Locale, string];
}

function textsOf(template: Template): TemplateText[] {
  return Object.entries(template.locales).flatMap(([locale, content]) =>
    Object.entries(content ?? {}).map(([field, source]) => ({
      locale: locale as Locale,
      field,
      source: String(source),
      path: ['locales', locale as Locale, field] as [string, Locale, string],
    })),
  );
}

type Segments = (string | number | Segments)[];

/**
 * What is wrong with a variable a template reads, if anything: the name as written and the
 * message. Checked against every field a message context has.
 */
function unknownVariable(segments: Segments): string | undefined {
  let value: unknown = fullSampleContext;
  const walked: string[] = [];
  for (const [index, segment] of segments.entries()) {
    // A computed key (`dealer[name]`) cannot be followed statically; rendering checks it.
    if (Array.isArray(segment)) return undefined;
    const key = String(segment);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      if (Object.hasOwn(value, key)) {
        value = (value as Record<string, unknown>)[key];
        walked.push(key);
        continue;
      }
      const written = segments.map((part) => (Array.isArray(part) ? '[...]' : String(part))).join('.');
      const siblings = Object.keys(value);
      const nearest = nearestName(key, siblings);
      if (nearest) {
        const meant = [...walked, nearest, ...segments.slice(index + 1).map(String)].join('.');
        return `unknown variable \`${written}\`; did you mean \`${meant}\`?`;
      }
      const where = walked.length > 0 ? `\`${walked.join('.')}\` has` : 'a template can use';
      return `unknown variable \`${written}\`; ${where} ${siblings.map((name) => `\`${name}\``).join(', ')}`;
    }
    // Past a text or a number: Liquid's own `size`, `first`, `last` and indexes are fine.
    return undefined;
  }
  return undefined;
}

/** Parses every text of a template and checks the variables it reads. */
export function checkTemplateTexts(source: YamlSource, template: Template): ConfigViolation[] {
  const violations: ConfigViolation[] = [];
  for (const text of textsOf(template)) {
    let parsed;
    try {
      parsed = parseTemplateText(text.source, text.field);
    } catch (error) {
      if (!(error instanceof TemplateRenderError)) throw error;
      violations.push(source.atTextLine(text.path, error.row, error.message));
      continue;
    }
    for (const variable of contextVariablesOf(parsed)) {
      const problem = unknownVariable(variable.toArray());
      if (problem) violations.push(source.atTextLine(text.path, variable.location.row, problem));
    }
  }
  return violations;
}

/**
 * Renders every text of a template, as a journey sends it, against the sample contexts of the
 * journey's trigger (e.g. a customer with and one without a car).
 */
export function checkTemplateRendersFor(source: YamlSource, template: Template, journey: Journey): ConfigViolation[] {
  const violations: ConfigViolation[] = [];
  for (const text of textsOf(template)) {
    for (const sample of sampleContextsFor(journey.trigger, text.locale)) {
      try {
        renderTemplateText(text.source, sample.context, text.field, { escapeHtml: isHtmlField(template.channel, text.field) });
      } catch (error) {
        if (!(error instanceof TemplateRenderError)) throw error;
        violations.push(source.atTextLine(text.path, error.row, `${error.message}, for ${sample.label} (journey "${journey.id}")`));
        break; // one sample is enough to show the problem
      }
    }
  }
  return violations;
}
