import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonLinesOf } from '../../scripts/json-lines';

describe('jsonLinesOf: a JSON Lines file read back a megabyte at a time', () => {
  const directory = mkdtempSync(join(tmpdir(), 'json-lines-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('gives every line whole, across chunks and characters split between them, each time it is iterated', () => {
    // Three-byte characters and lines of odd lengths: chunk ends fall inside lines and characters.
    const values = Array.from({ length: 30_000 }, (_, index) => ({ index, text: `生日快乐 ${'x'.repeat(index % 37)}` }));
    const path = join(directory, 'sends.jsonl');
    writeFileSync(path, values.map((value) => `${JSON.stringify(value)}\n`).join(''));

    const lines = jsonLinesOf<(typeof values)[number]>(path);

    expect([...lines]).toEqual(values);
    expect([...lines]).toEqual(values);
  });

  it('reads a last line with no newline after it, and nothing from an empty file', () => {
    const path = join(directory, 'unended.jsonl');
    writeFileSync(path, '{"a":1}\n{"a":2}');
    const empty = join(directory, 'empty.jsonl');
    writeFileSync(empty, '');

    expect([...jsonLinesOf(path)]).toEqual([{ a: 1 }, { a: 2 }]);
    expect([...jsonLinesOf(empty)]).toEqual([]);
  });
});
