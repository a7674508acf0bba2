import { CaseTag, CommentTag, IfTag, InlineCommentTag, Output, TokenKind, TypeGuards, type Liquid, type Template } from 'liquidjs';
import { conditionOf, evaluate, NoPlan, operandOf, planRulesHold, read, same, truth, untold, valueOf, type Condition, type Lookup, type Operand } from './render-check';

/**
 * A parsed template's output worked out without Liquid's interpreter, for templates of text,
 * plain outputs and `if`/`case`: Liquid renders through generators, a render context and a
 * clock read per node, which was most of rendering an SMS for the simulation. What it writes is
 * what Liquid writes for the same JSON scope, read by the rules `render-check.ts` reads Liquid
 * by (the same engine options); wherever those rules cannot tell (a variable that is not there,
 * which Liquid reports as an error, or a condition on `blank`/`empty`), the answer is "not told"
 * and the caller renders with Liquid, so errors stay Liquid's own.
 *
 * Outputs are a variable or a literal, then only filters the caller names as pure (a function of
 * the value alone, no arguments): `escape` and Liquid's other filters read their render context.
 */
export type DirectTemplate = readonly Piece[];

type Piece =
  | string
  /** An output: its value, then each filter. */
  | { value: Operand; filters: readonly ((value: unknown) => unknown)[] }
  /** `if`: the first branch whose condition holds, else `otherwise`. */
  | { branches: readonly { when: Condition; pieces: DirectTemplate }[]; otherwise: DirectTemplate }
  /** `case`: every branch with a value equal to the target, else `otherwise`. */
  | { target: Condition; cases: readonly { values: readonly Operand[]; pieces: DirectTemplate }[]; otherwise: DirectTemplate };

/** The direct form of a parsed template, or undefined where it holds what only Liquid renders. */
export function directTemplateOf(templates: readonly Template[], engine: Liquid, pureFilters: ReadonlySet<unknown>): DirectTemplate | undefined {
  const { outputEscape, keepOutputType } = engine.options;
  if (!planRulesHold(engine) || outputEscape !== undefined || keepOutputType) return undefined;
  try {
    return piecesOf(templates, engine.filters, pureFilters);
  } catch (error) {
    if (error instanceof NoPlan) return undefined;
    throw error;
  }
}

function piecesOf(templates: readonly Template[], liquidFilters: Readonly<Record<string, unknown>>, pureFilters: ReadonlySet<unknown>): DirectTemplate {
  const pieces: Piece[] = [];
  for (const template of templates) {
    if (template.token.kind === TokenKind.HTML) {
      pieces.push((template.token as unknown as { getContent(): string }).getContent());
    } else if (template instanceof Output) {
      const { initial, filters } = template.value;
      const [token, ...more] = initial.postfix;
      if (token === undefined || more.length > 0 || TypeGuards.isOperatorToken(token)) throw new NoPlan();
      pieces.push({
        value: operandOf(token),
        filters: filters.map((filter) => {
          // The engine's own entry for the name is what the filter was made with.
          const handler = liquidFilters[filter.name];
          if (filter.args.length > 0 || !pureFilters.has(handler)) throw new NoPlan();
          return handler as (value: unknown) => unknown;
        }),
      });
    } else if (template instanceof IfTag) {
      pieces.push({
        branches: template.branches.map(({ value, templates: branch }) => ({ when: conditionOf(value), pieces: piecesOf(branch, liquidFilters, pureFilters) })),
        otherwise: piecesOf(template.elseTemplates ?? [], liquidFilters, pureFilters),
      });
    } else if (template instanceof CaseTag) {
      pieces.push({
        target: conditionOf(template.value),
        cases: template.branches.map(({ values, templates: branch }) => ({ values: values.map(operandOf), pieces: piecesOf(branch, liquidFilters, pureFilters) })),
        otherwise: piecesOf(template.elseTemplates, liquidFilters, pureFilters),
      });
    } else if (!(template instanceof CommentTag || template instanceof InlineCommentTag)) {
      // `raw` among them: it writes its text, kept by the tag.
      throw new NoPlan();
    }
  }
  return pieces;
}

/** Marks a direct render that cannot be told without Liquid. */
const notTold = Symbol('not told');

/** The template's output for the scope (untrimmed, as Liquid's), or undefined where only Liquid can tell it. `globals` are the engine's. */
export function renderDirectly(template: DirectTemplate, scope: Readonly<Record<string, unknown>>, globals: object): string | undefined {
  const written = write(template, { scope, globals }, '');
  return written === notTold ? undefined : written;
}

// One string carried through, appended to: no array of parts per message.
function write(pieces: DirectTemplate, lookup: Lookup, text: string): string | typeof notTold {
  let written: string | typeof notTold = text;
  for (const piece of pieces) {
    if (typeof piece === 'string') written += piece;
    else if ('value' in piece) {
      let value = 'path' in piece.value ? read(piece.value.path, lookup) : piece.value.literal;
      // Liquid reads an output's variable strictly: a missing one is its error to report.
      if (value === undefined) return notTold;
      // A literal `blank`/`empty`/`nil` is one of Liquid's drops, printed as Liquid prints it.
      if ('literal' in piece.value && typeof value === 'object' && value !== null) return notTold;
      for (const filter of piece.filters) value = filter(value);
      written += stringified(value);
    } else if ('branches' in piece) {
      written = writeIf(piece, lookup, written);
    } else {
      written = writeCase(piece, lookup, written);
    }
    if (written === notTold) return notTold;
  }
  return written;
}

function writeIf(piece: Extract<Piece, { branches: unknown }>, lookup: Lookup, text: string): string | typeof notTold {
  for (const { when, pieces } of piece.branches) {
    const holds = truth(evaluate(when, lookup));
    if (holds === untold) return notTold;
    if (holds) return write(pieces, lookup, text);
  }
  return write(piece.otherwise, lookup, text);
}

function writeCase(piece: Extract<Piece, { target: unknown }>, lookup: Lookup, text: string): string | typeof notTold {
  const target = evaluate(piece.target, lookup);
  let written: string | typeof notTold = text;
  let hit = false;
  for (const { values, pieces } of piece.cases) {
    for (const value of values) {
      const matches = same(target, valueOf(value, lookup));
      if (matches === untold) return notTold;
      if (matches) {
        written = write(pieces, lookup, written);
        if (written === notTold) return notTold;
        hit = true;
        break;
      }
    }
  }
  return hit ? written : write(piece.otherwise, lookup, written);
}

/** Liquid's `stringify` for JSON data: text as it is, nil as nothing, a list's items run together. */
function stringified(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(stringified).join('');
  return String(value);
}
