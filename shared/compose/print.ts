import { join } from 'node:path';
import type { EngineEnv } from '../config/env';
import { createFolderPrintStore } from '../adapters/print/folder-print-store';
import { createS3PrintStore } from '../adapters/print/s3-print-store';
import type { PrintArchive } from '../ports/print';
import { journeysDirOf } from './common';
import { localSinkTimeoutMs, sdkClientOptions } from './timeouts';

/** The print files: the local folder, or the print bucket in AWS. */
export function printArchiveOf(env: EngineEnv): PrintArchive {
  return env.PRINT_MODE === 'folder'
    ? createFolderPrintStore(env.PRINT_FOLDER!, { timeoutMs: localSinkTimeoutMs })
    : createS3PrintStore(sdkClientOptions(), env.PRINT_BUCKET!);
}

/** The print font, shipped beside the compiled journeys to the functions that render print. */
export const printFontOf = (env: EngineEnv): string => join(journeysDirOf(env), 'assets', 'fonts', 'NotoSansSC-Regular.ttf');
