import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
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
  const readPrintFile = async (key: string) => {
    try {
      return new Uint8Array(await withTimeout('reading the print file', timeoutMs, (signal) => readFile(pathOf(key), { signal })));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };
  /** Writes `body` beside `target`, hands the partial file to `place`, and removes what is left of it. */
  const viaPartial = <T>(what: string, target: string, body: Uint8Array, place: (partial: string, signal: AbortSignal) => Promise<T>) =>
    withTimeout(what, timeoutMs, async (signal) => {
      await mkdir(dirname(target), { recursive: true });
      // Written beside the target and moved in whole, so a print house polling the folder never picks up half a file.
      const partial = join(dirname(target), `.${randomUUID()}.partial`);
      try {
        await writeFile(partial, body, { signal });
        return await place(partial, signal);
      } finally {
        await rm(partial, { force: true });
      }
    });
  return {
    async storePrintFile(key, body) {
      const target = pathOf(key);
      await viaPartial('writing the print file', target, body, (partial) => rename(partial, target));
      return { location: target };
    },
    async listPrintFiles(prefix) {
      // The prefix names a folder (`2026-03-14/`): list it recursively, leaving out partial writes and locks.
      const folderOf = prefix.endsWith('/') ? pathOf(prefix.slice(0, -1)) : pathOf(prefix);
      let entries;
      try {
        entries = await readdir(folderOf, { recursive: true, withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      return entries
        .filter((entry) => entry.isFile() && !entry.name.endsWith('.partial') && !entry.name.endsWith(lockSuffix))
        .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
    },
    readPrintFile,
    async readPrintFileVersion(key) {
      const body = await readPrintFile(key);
      return body && { body, version: versionOf(body) };
    },
    async replacePrintFile(key, body, expectedVersion) {
      const target = pathOf(key);
      return viaPartial('replacing the print file', target, body, async (partial, signal) => {
        if (expectedVersion === undefined) {
          // A hard link is made only where no file is: an exclusive create, of the whole file at once.
          try {
            await link(partial, target);
            return true;
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
            throw error;
          }
        }
        // Compare and move under a lock file, so no other replace (this process or another) comes between.
        return underLock(target, timeoutMs, signal, async () => {
          const current = await readFile(target).catch((error: NodeJS.ErrnoException) => {
            if (error.code === 'ENOENT') return undefined;
            throw error;
          });
          if (!current || versionOf(current) !== expectedVersion) return false;
          await rename(partial, target);
          return true;
        });
      });
    },
    locationOf: (key) => pathOf(key),
  };
}

const lockSuffix = '.lock';

/** A local file's version: a digest of its bytes, so an unchanged file compares equal. */
const versionOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Runs `work` holding `.<name>.lock` beside `target` (created exclusively). A lock older than
 * `staleMs` is left by a process that stopped holding it and is taken over; the caller's deadline
 * (`signal`) bounds the wait.
 */
async function underLock<T>(target: string, staleMs: number, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  const lock = join(dirname(target), `.${basename(target)}${lockSuffix}`);
  for (;;) {
    signal.throwIfAborted();
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = await stat(lock).catch(() => undefined);
      if (held && Date.now() - held.mtimeMs > staleMs) await rm(lock, { force: true });
      else await sleep(5);
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
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
