import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { PrintArchive } from '../../ports/print';
import { withTimeout } from '../with-timeout';

export interface FolderPrintStoreOptions {
  /** A write that takes longer fails as transient, so a stuck disk cannot hold the dispatcher. */
  timeoutMs: number;
}

/**
 * A {@link PrintArchive} writing `${folder}/${key}` on local disk, for running without AWS.
 * Keys may contain `/` (sub-folders are created); keys that could leave `folder` are rejected.
 */
export function createFolderPrintStore(folder: string, { timeoutMs }: FolderPrintStoreOptions): PrintArchive {
  const root = resolve(folder);
  const pathOf = (key: string) => {
    const target = resolve(root, ...checkedSegments(key));
    if (!target.startsWith(root + sep)) throw new Error(`print file key escapes the print folder: ${JSON.stringify(key)}`);
    return target;
  };
  return {
    async storePrintFile(key, body) {
      const target = pathOf(key);
      return withTimeout('writing the print file', timeoutMs, async (signal) => {
        await mkdir(dirname(target), { recursive: true });
        // Write beside the target and rename, so a print house polling the folder never picks up half a file.
        const partial = join(dirname(target), `.${randomUUID()}.partial`);
        try {
          await writeFile(partial, body, { signal });
          await rename(partial, target);
        } catch (error) {
          await rm(partial, { force: true });
          throw error;
        }
        return { location: target };
      });
    },
    async listPrintFiles(prefix) {
      // The prefix names a folder (`2026-03-14/`): list it recursively, leaving out partial writes.
      const folderOf = prefix.endsWith('/') ? pathOf(prefix.slice(0, -1)) : pathOf(prefix);
      let entries;
      try {
        entries = await readdir(folderOf, { recursive: true, withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      return entries
        .filter((entry) => entry.isFile() && !entry.name.endsWith('.partial'))
        .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
    },
    async readPrintFile(key) {
      try {
        return new Uint8Array(await withTimeout('reading the print file', timeoutMs, (signal) => readFile(pathOf(key), { signal })));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    locationOf: (key) => pathOf(key),
  };
}

function checkedSegments(key: string): string[] {
  const segments = key.split('/');
  const bad =
    key === '' ||
    isAbsolute(key) ||
    key.includes('\\') ||
    key.includes('\0') ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..');
  if (bad) throw new Error(`invalid print file key ${JSON.stringify(key)}: use relative segments joined by "/", without "." or ".."`);
  return segments;
}
