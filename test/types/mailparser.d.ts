/** The part of mailparser the tests use (the package ships no types; @types/mailparser is not installed). */
declare module 'mailparser' {
  export interface ParsedMail {
    subject?: string;
    text?: string;
    html?: string | false;
    headers: Map<string, unknown>;
    /** Each header as written (folded lines included), key lower-cased. */
    headerLines: { key: string; line: string }[];
  }
  export function simpleParser(source: string | Buffer): Promise<ParsedMail>;
}
