import { spawn } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A port free on loopback now, for a child process that takes its ports as options. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript entry point (`local/start.ts`, `scripts/...`) as `npm run` would, to its end. */
export function runScript(script: string, args: string[]): Promise<ScriptResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, CI: 'true' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * A journeys folder holding only some of the shipped journeys (with all templates and assets),
 * for tests that count one journey's sends on dates where other shipped journeys fall due too.
 */
export async function copyShippedJourneys(target: string, journeyIds: string[]): Promise<string> {
  await cp('journeys/templates', join(target, 'templates'), { recursive: true });
  await cp('journeys/assets', join(target, 'assets'), { recursive: true });
  for (const id of journeyIds) await cp(join('journeys', `${id}.yaml`), join(target, `${id}.yaml`));
  return target;
}
