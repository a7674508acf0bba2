import { CaseTag, CommentTag, defaultOperators, IfTag, InlineCommentTag, Output, RawTag, TokenKind, TypeGuards, type Liquid, type Template, type Token, type Value } from 'liquidjs';

/**
 * Whether a parsed template renders without error for a scope, told without rendering it: for a
 * caller that keeps no output, only the failures (the simulation). Sure only where it can be
 * told from Liquid's own rules; anything else is "not sure", and the caller renders for real.
 *
 * Why it holds, read from liquidjs's source (10.x), for an engine with `strictVariables` and
 * `lenientIf` and no memory or render limit: rendering fails only where a variable a tag or
 * output reads strictly is undefined, or where a filter, tag or operator throws. The plan admits
 * only what cannot throw on data: outputs, `if`/`elsif`/`else`, `case`/`when`, comments, raw
 * text; the operators; and the filters below with arguments they accept. Conditions, `case`
 * values and an output whose first filter is `default` read leniently (a missing value is nil);
 * outputs and filter arguments read strictly. A plan walks the branches the scope takes; where a
 * condition cannot be told (it compares with `blank`, `empty` or `nil`), each branch it may take
 * is walked. A read through a dynamic segment (`a[b]`), a range, a filter in a condition, any
 * other tag or filter: no plan, always rendered.
 *
 * The scope is JSON data (a `MessageContext` without its nulls): no functions, drops or
 * `toLiquid`, which Liquid would call.
 */
export type RenderPlan = readonly Step[];

type Key = string | number;
/** A variable read along fixed keys, the first looked up in the scope. */
export type Path = readonly Key[];
/** What a condition's token is: a path read leniently, or a literal. */
export type Operand = { path: Path } | { literal: unknown };
/** A condition in Liquid's postfix order. */
export type Condition = readonly (Operand | { operator: string })[];
type Step =
  /** An output: the paths it reads strictly (its value's, unless it starts with `default`, and its filters' arguments). */
  | { reads: readonly Path[] }
  /** `if`: the first branch whose condition holds, else `otherwise`. */
  | { branches: readonly { when: Condition; steps: RenderPlan }[]; otherwise: RenderPlan }
  /** `case`: every branch with a value equal to the target, else `otherwise`. */
  | { target: Condition; cases: readonly { values: readonly Operand[]; steps: RenderPlan }[]; otherwise: RenderPlan };

/** Filters that return for any data with these arguments (a count, or a check of them). A map: a name is never looked up on a prototype. */
const totalFilters = new Map<string, (args: readonly unknown[]) => boolean>([
  // Throws only building a Map from arguments after the first that are not `key: value` pairs.
  ['default', (args) => args.slice(1).every((arg) => Array.isArray(arg))],
  ['ordinal', () => true],
  ['upcase', () => true],
  ['downcase', () => true],
  ['capitalize', () => true],
  ['escape', () => true],
  // They assert one argument.
  ['append', (args) => args.length === 1],
  ['prepend', (args) => args.length === 1],
]);

/** Thrown where a template holds what a plan cannot tell. */
export class NoPlan extends Error {}

/** Whether the engine renders by the rules this module reads (see above); its output escaping aside. */
export function planRulesHold(engine: Liquid): boolean {
  const { strictVariables, lenientIf, jsTruthy, ownPropertyOnly, memoryLimit, renderLimit, operators } = engine.options;
  return strictVariables && lenientIf && !jsTruthy && ownPropertyOnly && memoryLimit === Infinity && renderLimit === Infinity && operators === defaultOperators;
}

/** The plan of a parsed template, or undefined where whether it renders cannot be told without rendering. */
export function renderPlanOf(templates: readonly Template[], engine: Liquid): RenderPlan | undefined {
  const { outputEscape } = engine.options;
  if (!planRulesHold(engine) || (outputEscape !== undefined && outputEscape !== engine.filters['escape'])) return undefined;
  try {
    return interned(planOf(templates));
  } catch (error) {
    if (error instanceof NoPlan) return undefined;
    throw error;
  }
}

// Equal plans are one object: an email's HTML and text read the same (the HTML's escape aside),
// so a caller can tell one it has already found sure for a scope by identity (see render.ts).
// Bounded, as previews check drafts too.
const plans = new Map<string, RenderPlan>();
const plansLimit = 2000;

function interned(plan: RenderPlan): RenderPlan {
  // Literals are JSON data, or drops that are all one "untold" to a check: their JSON tells plans apart as a check does.
  const key = JSON.stringify(plan);
  const found = plans.get(key);
  if (found) return found;
  if (plans.size >= plansLimit) plans.clear();
  plans.set(key, plan);
  return plan;
}

function planOf(templates: readonly Template[]): RenderPlan {
  // A level's outputs become one step of their distinct reads, first: the steps of a level all
  // have to be sure, in any order, and a text reads the same few variables many times.
  const reads = new Map<string, Path>();
  const steps: Step[] = [];
  for (const template of templates) {
    if (template instanceof Output) {
      for (const path of strictReadsOf(template.value)) reads.set(JSON.stringify(path), path);
    } else if (template instanceof IfTag) {
      steps.push({
        branches: template.branches.map(({ value, templates: branch }) => ({ when: conditionOf(value), steps: planOf(branch) })),
        otherwise: planOf(template.elseTemplates ?? []),
      });
    } else if (template instanceof CaseTag) {
      steps.push({
        target: conditionOf(template.value),
        cases: template.branches.map(({ values, templates: branch }) => ({ values: values.map(operandOf), steps: planOf(branch) })),
        otherwise: planOf(template.elseTemplates),
      });
    } else if (!(template.token.kind === TokenKind.HTML || template instanceof CommentTag || template instanceof InlineCommentTag || template instanceof RawTag)) {
      throw new NoPlan();
    }
  }
  return reads.size > 0 ? [{ reads: [...reads.values()] }, ...steps] : steps;
}

/** The name Liquid gives the escape filter it appends to every output of an escaping engine. */
const outputEscapeName = Object.prototype.toString.call(() => undefined);

function strictReadsOf(value: Value): Path[] {
  const reads: Path[] = [];
  const lenient = value.filters[0]?.name === 'default';
  for (const token of value.initial.postfix) {
    if (TypeGuards.isOperatorToken(token)) continue;
    const operand = operandOf(token);
    if ('path' in operand && !lenient) reads.push(operand.path);
  }
  for (const filter of value.filters) {
    const total = totalFilters.get(filter.name === outputEscapeName ? 'escape' : filter.name);
    if (!total?.(filter.args)) throw new NoPlan();
    for (const arg of filter.args) {
      const operand = operandOf(Array.isArray(arg) ? (arg[1] as Token) : arg);
      if ('path' in operand) reads.push(operand.path);
    }
  }
  return reads;
}

export function conditionOf(value: Value): Condition {
  if (value.filters.length > 0) throw new NoPlan();
  return value.initial.postfix.map((token) => (TypeGuards.isOperatorToken(token) ? { operator: token.operator } : operandOf(token)));
}

export function operandOf(token: Token): Operand {
  if (TypeGuards.isPropertyAccessToken(token)) {
    if (token.variable !== undefined) throw new NoPlan();
    return {
      path: token.props.map((prop) => {
        if (TypeGuards.isWordToken(prop) || TypeGuards.isQuotedToken(prop) || TypeGuards.isNumberToken(prop)) return prop.content;
        throw new NoPlan();
      }),
    };
  }
  if (TypeGuards.isQuotedToken(token) || TypeGuards.isNumberToken(token) || TypeGuards.isLiteralToken(token)) return { literal: token.content };
  throw new NoPlan();
}

/** A value that cannot be told without Liquid (a drop: `blank`, `empty`, `nil`). */
export const untold = Symbol('untold');

/** Where a template's variables are looked up: the scope, and the engine's globals. */
export interface Lookup {
  scope: Readonly<Record<string, unknown>>;
  globals: object;
}

/** Whether the plan's template renders without error for `scope` (false: not sure). `globals` are the engine's. */
export function rendersSurely(plan: RenderPlan, scope: Readonly<Record<string, unknown>>, globals: object): boolean {
  return stepsSure(plan, { scope, globals });
}

// Functions of the module, not closures made per call: a message checks a dozen texts.
// Indexed loops here: every email and print checked walks its plan, and an array iterator V8 does
// not optimise away is an object per step.
function stepsSure(steps: RenderPlan, lookup: Lookup): boolean {
  for (let at = 0; at < steps.length; at += 1) {
    if (!stepSure(steps[at]!, lookup)) return false;
  }
  return true;
}

function stepSure(step: Step, lookup: Lookup): boolean {
  if ('reads' in step) {
    for (let at = 0; at < step.reads.length; at += 1) {
      if (read(step.reads[at]!, lookup) === undefined) return false;
    }
    return true;
  }
  if ('branches' in step) {
    for (let at = 0; at < step.branches.length; at += 1) {
      const { when, steps } = step.branches[at]!;
      const holds = truth(evaluate(when, lookup));
      if (holds !== false && !stepsSure(steps, lookup)) return false;
      if (holds === true) return true;
    }
    return stepsSure(step.otherwise, lookup);
  }
  const target = evaluate(step.target, lookup);
  let hit: boolean | typeof untold = false;
  for (const { values, steps } of step.cases) {
    let matches: boolean | typeof untold = false;
    for (const value of values) matches = either(matches, same(target, valueOf(value, lookup)));
    if (matches !== false && !stepsSure(steps, lookup)) return false;
    hit = either(hit, matches);
  }
  return hit === true || stepsSure(step.otherwise, lookup);
}

export function read(path: Path, { scope, globals }: Lookup): unknown {
  // Liquid looks the first key up in the scope when it is there (`in`), else in the globals.
  let value: unknown = path[0]! in scope ? scope : globals;
  // An indexed loop: every path of every plan checked passes here.
  for (let at = 0; at < path.length; at += 1) {
    value = readProperty(value, path[at]!);
    if (value === undefined) return undefined;
  }
  return value;
}

/** An operand's value as a condition reads it: leniently, a missing value is nil. */
export function valueOf(operand: Operand, lookup: Lookup): unknown {
  if ('path' in operand) return read(operand.path, lookup) ?? null;
  return typeof operand.literal === 'object' && operand.literal !== null ? untold : operand.literal;
}

export function evaluate(condition: Condition, lookup: Lookup): unknown {
  // The common shapes (`if vehicle`, `if a == b`) without a stack array per condition.
  const first = condition[0]!;
  if (condition.length === 1 && !('operator' in first)) return valueOf(first, lookup);
  const second = condition[1]!;
  const third = condition[2]!;
  if (condition.length === 3 && !('operator' in first) && !('operator' in second) && 'operator' in third && third.operator !== 'not') {
    return operate(third.operator, valueOf(first, lookup), valueOf(second, lookup));
  }
  const operands: unknown[] = [];
  for (const token of condition) {
    if ('operator' in token) {
      const right = operands.pop();
      operands.push(token.operator === 'not' ? negated(right) : operate(token.operator, operands.pop(), right));
    } else {
      operands.push(valueOf(token, lookup));
    }
  }
  return operands[0];
}

/** Liquid's `readProperty` for JSON data, own properties only, with `size`, `first` and `last`. */
function readProperty(holder: unknown, key: Key): unknown {
  if (holder === null || holder === undefined) return holder;
  if (Array.isArray(holder) && typeof key === 'number') return elementOf(holder, key);
  const value = ownProperty(holder, key);
  if (key === 'size') {
    const size = ownProperty(holder, 'size') ?? (holder as { size?: unknown }).size;
    if (size !== undefined) return size;
    if (Array.isArray(holder) || typeof holder === 'string') return holder.length;
    return typeof holder === 'object' ? Object.keys(holder).length : undefined;
  }
  if (key === 'first') return Array.isArray(holder) ? elementOf(holder, 0) : ownProperty(holder, 'first');
  if (key === 'last') return Array.isArray(holder) ? elementOf(holder, -1) : ownProperty(holder, 'last');
  return value;
}

function ownProperty(holder: unknown, key: Key): unknown {
  return Object.prototype.hasOwnProperty.call(holder, key) ? (holder as Record<Key, unknown>)[key] : undefined;
}

function elementOf(array: readonly unknown[], index: number): unknown {
  return ownProperty(array, index < 0 ? array.length + index : index);
}

/** Liquid's truthiness: only false and nil are false. */
export function truth(value: unknown): boolean | typeof untold {
  return value === untold ? untold : !(value === false || value === undefined || value === null);
}

function negated(value: unknown): unknown {
  const holds = truth(value);
  return holds === untold ? untold : !holds;
}

function either(a: boolean | typeof untold, b: boolean | typeof untold): boolean | typeof untold {
  if (a === true || b === true) return true;
  return a === untold || b === untold ? untold : false;
}

/** Liquid's `equals` for JSON data: arrays element by element, anything else by identity. */
export function same(left: unknown, right: unknown): boolean | typeof untold {
  return left === untold || right === untold ? untold : equalData(left, right);
}

function equalData(left: unknown, right: unknown): boolean {
  if (!Array.isArray(left)) return left === right;
  return Array.isArray(right) && left.length === right.length && left.every((item, index) => equalData(item, right[index]));
}

function both(a: boolean | typeof untold, b: boolean | typeof untold): boolean | typeof untold {
  if (a === false || b === false) return false;
  return a === untold || b === untold ? untold : true;
}

function operate(operator: string, left: unknown, right: unknown): unknown {
  if (left === untold || right === untold) return untold;
  // JSON data compared as Liquid compares it: JavaScript's operators on the values (no pair made per comparison).
  const l = left as number;
  const r = right as number;
  switch (operator) {
    case '==':
      return same(left, right);
    case '!=':
      return negated(same(left, right));
    case '>':
      return l > r;
    case '<':
      return l < r;
    case '>=':
      return l >= r;
    case '<=':
      return l <= r;
    case 'contains':
      if (Array.isArray(left)) return left.some((item) => equalData(item, right));
      return typeof left === 'string' ? left.indexOf(right as string) > -1 : false;
    case 'and':
      return both(truth(left), truth(right));
    case 'or':
      return either(truth(left), truth(right));
    default:
      return untold;
  }
}
