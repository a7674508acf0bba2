import { Liquid, type FS, type Template as LiquidTemplate, type Variable } from 'liquidjs';
import type { Locale } from './customer';
import { assertNever } from './assert-never';
import { renderPlanOf, rendersSurely, type RenderPlan } from './render-check';
import { directTemplateOf, renderDirectly, type DirectTemplate } from './render-direct';
import type { EmailContent, PrintContent, PrintDesign, SmsContent, TaskContent, Template } from './journey/schema';
import type { MessageContext } from './personalisation';

export type RenderedMessage =
  | ({ channel: 'email' } & EmailContent)
  | ({ channel: 'sms' } & SmsContent)
  | ({ channel: 'print'; design: PrintDesign; age: number | null } & Omit<PrintContent, 'items'> & { items?: string[] })
  | ({ channel: 'task'; locale: Locale; dueInDays: number; workingDays: boolean } & TaskContent);

/** Tags that read other templates from files: a template is self-contained text from the config. */
export const fileReadingTags = ['include', 'render', 'layout'] as const;

// Liquid's default file system reads from the working directory (an `{% include %}` once put a
// local file into real SMS). Templates never need files: every lookup finds nothing, every read
// is refused, whatever tag or API asks.
const noFiles: FS = {
  exists: () => Promise.resolve(false),
  existsSync: () => false,
  readFile: (file) => Promise.reject(new Error(`templates cannot read files (asked for ${file})`)),
  readFileSync: (file) => {
    throw new Error(`templates cannot read files (asked for ${file})`);
  },
  resolve: (_dir, file) => file,
  contains: () => Promise.resolve(false),
  containsSync: () => false,
};

/**
 * A Liquid engine as templates are rendered with: no file access, unknown variables and filters
 * are errors (a misspelt `{{ custmer.firstName }}` fails instead of sending a blank), and the
 * file-reading tags fail at parse with a message saying why.
 */
export function createTemplateEngine({ escapeHtml }: { escapeHtml: boolean }): Liquid {
  const engine = new Liquid({
    strictVariables: true,
    strictFilters: true,
    // `{% if vehicle %}` and `| default:` may test a value the customer lacks (see `liquidScope`).
    lenientIf: true,
    cache: true,
    fs: noFiles,
    root: [],
    partials: [],
    layouts: [],
    relativeReference: false,
    // Named, not probed: without it Liquid asks Intl for the machine's locale when the engine is
    // made, which loads ICU's data at import (about 15 ms of a dispatch cold start) and lets the
    // `date` filter's month names depend on the machine.
    locale: 'en-US',
    ...(escapeHtml ? { outputEscape: 'escape' as const } : {}),
  });
  engine.registerFilter('ordinal', englishOrdinal);
  for (const tag of fileReadingTags) {
    engine.registerTag(tag, {
      parse() {
        throw new Error(`{% ${tag} %} is not allowed: templates cannot read files; write the text into the template`);
      },
      render: () => undefined,
    });
  }
  return engine;
}

const plain = createTemplateEngine({ escapeHtml: false });
const html = createTemplateEngine({ escapeHtml: true });

/** 1 -> "1st", 22 -> "22nd", 113 -> "113th": English ordinals for ages and anniversaries. */
export function englishOrdinal(value: unknown): string {
  const n = Number(value);
  if (!Number.isInteger(n)) return String(value);
  const lastTwo = Math.abs(n) % 100;
  const suffix = lastTwo >= 11 && lastTwo <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][Math.abs(n) % 10] ?? 'th');
  return `${n}${suffix}`;
}

export class TemplateRenderError extends Error {
  /** The content field that failed, e.g. `html`; absent when no field was reached. */
  readonly field: string | undefined;
  /** Line within the field's template text, where Liquid knows it. */
  readonly row: number | undefined;

  constructor(message: string, options?: { cause?: unknown; field?: string; row?: number }) {
    super(message, options);
    this.name = 'TemplateRenderError';
    this.field = options?.field;
    this.row = options?.row;
  }
}

/** Line of a Liquid error in its template text (Liquid errors carry the offending token). */
function rowOf(error: unknown): number | undefined {
  const token = (error as { token?: { getPosition?: () => [number, number] } }).token;
  return token?.getPosition?.()[0];
}

/** Liquid appends ", line:2, col:1" to its messages; the row is reported on its own. */
function withoutPosition(message: string): string {
  return message.replace(/, line:\d+, col:\d+$/, '');
}

/**
 * Parses a template field without rendering it: unclosed tags, unknown filters and the file
 * tags fail here, with the line within the text.
 */
export function parseTemplateText(source: string, field: string): LiquidTemplate[] {
  try {
    return plain.parse(source);
  } catch (error) {
    throw new TemplateRenderError(withoutPosition((error as Error).message), { cause: error, field, row: rowOf(error) });
  }
}

/** The context variables a parsed template reads (its own `assign`s and loop variables aside). */
export function contextVariablesOf(parsed: LiquidTemplate[]): Variable[] {
  return Object.values(plain.analyzeSync(parsed, { partials: false }).globals).flat();
}

/** Whether a field's output is HTML, where customer data must be escaped. */
export function isHtmlField(channel: Template['channel'], field: string): boolean {
  return channel === 'email' && field === 'html';
}

function pickLocale<T>(locales: Partial<Record<Locale, T>>, locale: Locale): T {
  const content = locales[locale] ?? locales.en;
  if (content === undefined) throw new TemplateRenderError(`template has neither ${locale} nor en content`);
  return content;
}

/**
 * What a customer lacks (no car, no known age) is left out of the scope rather than set to null:
 * Liquid prints `{{ vehicle.model }}` of a null vehicle as a blank, while a missing one fails
 * under strictVariables, so an unguarded use is found (at load, against a sample without a car)
 * instead of sent as "your  ".
 */
function liquidScope(context: MessageContext): Record<string, unknown> {
  // A loop over the few keys: `Object.fromEntries(Object.entries(...).filter(...))` built two arrays per message.
  const scope: Record<string, unknown> = {};
  for (const key of Object.keys(context)) {
    const value = context[key as keyof MessageContext];
    if (value !== null) scope[key] = value;
  }
  return scope;
}

/** A template text parsed, with its render plan and its direct form once asked for (null: it has none). */
interface ParsedText {
  templates: LiquidTemplate[];
  plan?: RenderPlan | null;
  direct?: DirectTemplate | null;
}

/** Filters that are a function of the value alone, which a direct render may call itself. */
const pureFilters: ReadonlySet<unknown> = new Set([englishOrdinal]);

// Parsing is most of the cost of rendering, and a journey's few template texts are rendered for
// every customer: each text is parsed once per engine. Bounded, as previews render drafts too.
const parsedTexts = new Map<Liquid, Map<string, ParsedText>>();
const parsedTextsLimit = 2000;

function parsedText(engine: Liquid, source: string): ParsedText {
  let texts = parsedTexts.get(engine);
  if (!texts) parsedTexts.set(engine, (texts = new Map()));
  let parsed = texts.get(source);
  if (!parsed) {
    parsed = { templates: engine.parse(source) };
    if (texts.size >= parsedTextsLimit) texts.clear();
    texts.set(source, parsed);
  }
  return parsed;
}

/** Renders one field's template text; errors name the field and the line within it. */
export function renderTemplateText(source: string, context: MessageContext, field: string, { escapeHtml }: { escapeHtml: boolean }): string {
  return renderInScope(source, liquidScope(context), field, escapeHtml);
}

/** One field rendered in a scope built once for all the fields of a message. */
function renderInScope(source: string, scope: Record<string, unknown>, field: string, escapeHtml: boolean): string {
  // Liquid tells itself a variable is missing by throwing (every `{% if vehicle %}` of a customer
  // without a car under lenientIf, caught inside Liquid): capturing each throw's stack was a tenth
  // of rendering. Nobody reads those stacks; the error we throw below is made after the limit is
  // back and carries its own.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const engine = escapeHtml ? html : plain;
    const parsed = parsedText(engine, source);
    // Told directly where it can be (`render-direct.ts`: Liquid's output for the same scope), else by Liquid.
    if (parsed.direct === undefined) parsed.direct = directTemplateOf(parsed.templates, engine, pureFilters) ?? null;
    const direct = parsed.direct && renderDirectly(parsed.direct, scope, engine.options.globals);
    return (direct ?? (engine.renderSync(parsed.templates, scope) as string)).trim();
  } catch (error) {
    Error.stackTraceLimit = stackTraceLimit;
    throw new TemplateRenderError(`cannot render ${field}: ${withoutPosition((error as Error).message)}`, { cause: error, field, row: rowOf(error) });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** Whether a field's text surely renders in the scope, told from its plan (see `render-check.ts`); false when not sure. */
function rendersSurelyInScope(source: string, scope: Record<string, unknown>, escapeHtml: boolean): boolean {
  const engine = escapeHtml ? html : plain;
  let parsed: ParsedText;
  try {
    parsed = parsedText(engine, source);
  } catch {
    return false;
  }
  if (parsed.plan === undefined) parsed.plan = renderPlanOf(parsed.templates, engine) ?? null;
  if (parsed.plan === null) return false;
  const { globals } = engine.options;
  // An email's HTML and text have one plan (`renderPlanOf` interns them): found sure for this
  // message's scope (a scope is made per message and never changed), it is not checked again.
  if (parsed.plan === lastSure.plan && scope === lastSure.scope && globals === lastSure.globals) return true;
  if (!rendersSurely(parsed.plan, scope, globals)) return false;
  lastSure.plan = parsed.plan;
  lastSure.scope = scope;
  lastSure.globals = globals;
  return true;
}

/** The last plan found sure, for which scope and globals. */
const lastSure: { plan?: RenderPlan; scope?: object; globals?: object } = {};

/** A rendered list: one item a line, blank lines (an `{% if %}` that chose nothing) dropped. */
function listItems(rendered: string): string[] {
  return rendered.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

/**
 * What becomes of the fields a sender does not read: `rendered` (sending, previews), or `checked`
 * for a sender that reads none but an SMS's text (the simulation's: a text's length decides its
 * segments). A checked field fails exactly where rendering it would, with the same error, but is
 * not kept (it is empty, a list has no items); it is rendered only when its plan cannot tell
 * that it renders (`render-check.ts`), for its error.
 */
export type UnreadFields = 'rendered' | 'checked';

/** A field no sender reads: rendered, or in the `checked` mode checked (rendered only for its error where its plan cannot tell) and kept empty. */
function unreadField(channel: Template['channel'], source: string, field: string, scope: Record<string, unknown>, unreadFields: UnreadFields): string {
  const escapeHtml = isHtmlField(channel, field);
  if (unreadFields === 'rendered') return renderInScope(source, scope, field, escapeHtml);
  if (!rendersSurelyInScope(source, scope, escapeHtml)) renderInScope(source, scope, field, escapeHtml);
  return '';
}

/** Renders a template for one customer in their locale (falling back to English). */
export function renderMessage(template: Template, context: MessageContext, { unreadFields = 'rendered' }: { unreadFields?: UnreadFields } = {}): RenderedMessage {
  const scope = liquidScope(context);
  // The fields are read by a function of the module, not a closure over the scope made per
  // message: under tsx (the simulation, the tests) each function made also has its name set by
  // esbuild's `__name` helper, which cost a fifth of checking a message's fields.
  switch (template.channel) {
    case 'email': {
      const content = pickLocale(template.locales, context.locale);
      return {
        channel: 'email',
        subject: unreadField(template.channel, content.subject, 'subject', scope, unreadFields),
        html: unreadField(template.channel, content.html, 'html', scope, unreadFields),
        text: unreadField(template.channel, content.text, 'text', scope, unreadFields),
      };
    }
    case 'sms': {
      const content = pickLocale(template.locales, context.locale);
      // Kept: its length decides the segments.
      return { channel: 'sms', text: renderInScope(content.text, scope, 'text', false) };
    }
    case 'print': {
      const content = pickLocale(template.locales, context.locale);
      return {
        channel: 'print',
        design: template.design,
        age: context.age,
        headline: unreadField(template.channel, content.headline, 'headline', scope, unreadFields),
        body: unreadField(template.channel, content.body, 'body', scope, unreadFields),
        signoff: unreadField(template.channel, content.signoff, 'signoff', scope, unreadFields),
        ...(content.items !== undefined ? { items: listItems(unreadField(template.channel, content.items, 'items', scope, unreadFields)) } : {}),
        ...(content.invitation !== undefined ? { invitation: unreadField(template.channel, content.invitation, 'invitation', scope, unreadFields) } : {}),
      };
    }
    case 'task': {
      // In the customer's language: the task is a conversation with the customer, and the
      // customer's locale is the one the call will be held in (dealers have no locale of their own).
      const locale = template.locales[context.locale] ? context.locale : 'en';
      const content = pickLocale(template.locales, locale);
      return {
        channel: 'task',
        locale,
        dueInDays: template.dueInDays,
        workingDays: template.workingDays,
        title: unreadField(template.channel, content.title, 'title', scope, unreadFields),
        body: unreadField(template.channel, content.body, 'body', scope, unreadFields),
      };
    }
    default:
      return assertNever(template);
  }
}
