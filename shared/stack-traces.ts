import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Stack traces of the minified bundles in terms of their sources, with a bundle's source map read
 * on the first trace that passes through it rather than at load. Node's `--enable-source-maps`
 * reads and indexes the map of every module as it loads (about 9 ms of CPU at each cold start of
 * the API, evaluation and dispatch functions), though most invocations never format a trace.
 * Frames are named and placed as Node's own mapping would; frames of other files keep V8's format.
 */

interface BundleMap {
  path: string;
  /** The parsed map, read once on first use; null when it cannot be read. */
  map: () => SourceMap | null;
}

interface OriginalPosition {
  originalSource?: string;
  originalLine: number;
  originalColumn: number;
  name?: string;
}

// One registry per process, shared by the handler's bundle and the bundles it loads later (the
// print renderer), each of which carries its own copy of this module.
const registryKey = Symbol.for('dealer-journeys.bundle-source-maps');

function registry(): Map<string, BundleMap> {
  const holder = globalThis as { [registryKey]?: Map<string, BundleMap> };
  if (!holder[registryKey]) {
    const bundles = new Map<string, BundleMap>();
    holder[registryKey] = bundles;
    Error.prepareStackTrace = (error, frames) => formatStack(bundles, error, frames);
  }
  return holder[registryKey];
}

function originalOf(bundles: Map<string, BundleMap>, frame: NodeJS.CallSite | undefined): (OriginalPosition & { bundle: BundleMap }) | undefined {
  const bundle = frame && bundles.get(frame.getFileName() ?? '');
  const line = frame?.getLineNumber();
  const column = frame?.getColumnNumber();
  if (!bundle || !line || !column) return undefined;
  const entry = bundle.map()?.findEntry(line - 1, column - 1) as OriginalPosition | undefined;
  return entry?.originalSource ? { ...entry, bundle } : undefined;
}

function formatStack(bundles: Map<string, BundleMap>, error: unknown, frames: NodeJS.CallSite[]): string {
  const describe = (frame: NodeJS.CallSite, caller: NodeJS.CallSite | undefined): string => {
    const original = originalOf(bundles, frame);
    if (!original) return frame.toString();
    const where = `${resolve(dirname(original.bundle.path), original.originalSource!)}:${original.originalLine + 1}:${original.originalColumn + 1}`;
    // The name the caller's code calls it by (the minified name would mislead), else V8's (`Module.w`).
    const v8 = frame.toString();
    const name = originalOf(bundles, caller)?.name ?? (v8.endsWith(')') ? v8.slice(0, v8.lastIndexOf(' (')) : undefined);
    return name ? `${name} (${where})` : where;
  };
  return [String(error), ...frames.map((frame, index) => `    at ${describe(frame, frames[index + 1])}`)].join('\n');
}

/** Maps the frames of the bundle at `moduleUrl` through the `.map` beside it, if it has one. */
export function mapStackTracesOnFirstUse(moduleUrl: string): void {
  if (!moduleUrl.startsWith('file:')) return;
  const path = fileURLToPath(moduleUrl);
  const mapPath = `${path}.map`;
  // Nothing to map (run from source, or a bundle shipped without its map), or Node maps already.
  if (process.sourceMapsEnabled || !existsSync(mapPath)) return;
  let map: SourceMap | null | undefined;
  const bundle: BundleMap = {
    path,
    map: () => {
      if (map === undefined) {
        try {
          map = new SourceMap(JSON.parse(readFileSync(mapPath, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
        } catch {
          // An unreadable map must not cost the error its trace: its frames stay as V8 gives them.
          map = null;
        }
      }
      return map;
    },
  };
  const bundles = registry();
  // V8 names an ES module's frames by URL, a CommonJS one's by path.
  bundles.set(moduleUrl, bundle);
  bundles.set(path, bundle);
}

// This module's URL is its bundle's own once bundled (one file): the map beside it is that bundle's.
mapStackTracesOnFirstUse(import.meta.url);
