import { Tokenizer, TokenKind, type Liquid } from 'liquidjs';

/**
 * The Liquid markup of a template text: its tags and outputs in order, with the literal text
 * between them left out. Two texts with the same markup look up the same variables and call the
 * same filters in the same order for any scope, so one fails to render exactly when the other
 * does: an email's HTML and plain text parts are usually the same markup in two layouts.
 *
 * Undefined where literal text can change what the markup does (a `capture` turns text into a
 * value a condition may test) or where the text does not tokenize: such texts are compared by
 * rendering them.
 *
 * @example liquidMarkupOf('<p>Dear {{ customer.firstName }}</p>', engine) === liquidMarkupOf('Dear {{ customer.firstName }}', engine)
 */
export function liquidMarkupOf(source: string, engine: Liquid): string | undefined {
  let tokens;
  try {
    tokens = new Tokenizer(source, engine.options.operators).readTopLevelTokens(engine.options);
  } catch {
    return undefined;
  }
  const markup: string[] = [];
  for (const token of tokens) {
    if (token.kind === TokenKind.HTML) continue;
    const content = (token as unknown as { content: string }).content;
    // `{% liquid %}` holds tags of its own in its arguments.
    if (token.kind === TokenKind.Tag && /\bcapture\b/.test(content)) return undefined;
    markup.push(`${token.kind}:${content}`);
  }
  return JSON.stringify(markup);
}
