import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import type { PrintStore } from '../../ports/print';
import { withTimeout } from '../with-timeout';

export interface FolderPrintStoreOptions {
  /** A write that takes longer fails as transient, so a stuck disk cannot hold the dispatcher. */
  timeoutMs: number;
}

/**
 * A {@link PrintStore} writing `${folder}/${key}` on local disk, for running without AWS.
 * Keys may contain `/` (sub-folders are created); keys that could leave `folder` are rejected.
 */
export function createFolderPrintStore(folder: string, { timeoutMs }: FolderPrintStoreOptions): PrintStore {
  const root = resolve(folder);
  return {
    async storePrintFile(key, pdf) {
      const target = resolve(root, ...checkedSegments(key));
      if (!target.startsWith(root + sep)) throw new Error(`print file key escapes the print folder: ${JSON.stringify(key)}`);
      return withTimeout('writing the print file', timeoutMs, async (signal) => {
        await mkdir(dirname(target), { recursive: true });
        // Write beside the target and rename, so a print house polling the folder never picks up half a file.
        const partial = join(dirname(target), `.${randomUUID()}.partial`);
        try {
          await writeFile(partial, pdf, { signal });
          await rename(partial, target);
        } catch (error) {
          await rm(partial, { force: true });
          throw error;
        }
        return { location: target };
      });
    },
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
