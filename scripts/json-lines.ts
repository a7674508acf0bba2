import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** Bytes read at a time. */
const chunkBytes = 1 << 20;

/**
 * The values of a JSON Lines file this process wrote (not checked against a schema), read from the
 * start again each time it is iterated, a megabyte at a time: a report reads millions of sends a
 * few times over without holding them.
 */
export function jsonLinesOf<T>(path: string): Iterable<T> {
  return {
    *[Symbol.iterator]() {
      const file = openSync(path, 'r');
      try {
        const buffer = Buffer.alloc(chunkBytes);
        const decoder = new StringDecoder('utf8');
        let rest = '';
        for (let read = readSync(file, buffer); read > 0; read = readSync(file, buffer)) {
          const lines = (rest + decoder.write(buffer.subarray(0, read))).split('\n');
          rest = lines.pop()!;
          for (const line of lines) if (line !== '') yield JSON.parse(line) as T;
        }
        rest += decoder.end();
        if (rest !== '') yield JSON.parse(rest) as T;
      } finally {
        closeSync(file);
      }
    },
  };
}
