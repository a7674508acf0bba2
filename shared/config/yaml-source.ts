import { isMap, isScalar, LineCounter, parseDocument, Scalar, type Document } from 'yaml';
import type { ConfigFile, ConfigViolation } from './violations';

/** A parsed YAML config file that can say on which line each of its fields is. */
export class YamlSource {
  private constructor(
    readonly file: ConfigFile,
    readonly document: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Parses a file; syntax errors come back as violations at their real line. */
  static parse(file: ConfigFile): { source: YamlSource } | { violations: ConfigViolation[] } {
    const lines = new LineCounter();
    // prettyErrors is off (its messages quote the source), so lines come from error offsets.
    const document = parseDocument(file.text, { lineCounter: lines, prettyErrors: false });
    if (document.errors.length > 0) {
      return {
        violations: document.errors.map((error) => ({
          file: file.path,
          line: lines.linePos(error.pos[0]).line,
          field: '',
          message: `YAML syntax: ${error.message.split('\n')[0]!}`,
        })),
      };
    }
    if (!isMap(document.contents)) {
      return { violations: [{ file: file.path, line: 1, field: '', message: 'expected a mapping of fields' }] };
    }
    return { source: new YamlSource(file, document, lines) };
  }

  toJS(): unknown {
    return this.document.toJS();
  }

  /** A violation at a field; a field that is missing is reported at its nearest parent. */
  at(path: readonly PropertyKey[], message: string): ConfigViolation {
    return { file: this.file.path, line: this.lineOf(path), field: fieldName(path), message };
  }

  /** A violation at a key of a mapping (where the key itself is written, e.g. a misspelt one). */
  atKey(mapPath: readonly PropertyKey[], key: string, message: string): ConfigViolation {
    const map = this.document.getIn(mapPath as unknown[], true);
    const pair = isMap(map) ? map.items.find((item) => isScalar(item.key) && String(item.key.value) === key) : undefined;
    const keyNode = pair?.key as Scalar | undefined;
    const line = keyNode?.range ? this.lines.linePos(keyNode.range[0]).line : this.lineOf(mapPath);
    return { file: this.file.path, line, field: fieldName([...mapPath, key]), message };
  }

  /**
   * A violation at a line inside a multi-line text field (a Liquid template): exact for literal
   * block scalars (`|`), where each line of the text is a line of the file; otherwise the line
   * where the text starts.
   */
  atTextLine(path: readonly PropertyKey[], row: number | undefined, message: string): ConfigViolation {
    const node = this.document.getIn(path as unknown[], true);
    let line = this.lineOf(path);
    if (row !== undefined && isScalar(node) && node.type === Scalar.BLOCK_LITERAL) line += row; // row 1 is the line after `|`
    return { file: this.file.path, line, field: fieldName(path), message };
  }

  private lineOf(path: readonly PropertyKey[]): number {
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const node = this.document.getIn(path.slice(0, depth) as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return this.lines.linePos(node.range[0]).line;
    }
    return 1;
  }
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}
