/**
 * Keeps the local SES server's mail across runs: aws-ses-v2-local stores mail in memory only, so
 * after each run the mail is written to `.local/ses/` (a JSON store plus one .eml per message)
 * and put back into the server's store on the next start, where its web page shows it again.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Email } from 'aws-ses-v2-local/dist/store';

const require = createRequire(import.meta.url);

interface SesStoreModule {
  saveEmail(email: Email): void;
}

export async function restoreMailbox(folder: string): Promise<number> {
  const file = join(folder, 'emails.json');
  if (!existsSync(file)) return 0;
  const emails = JSON.parse(await readFile(file, 'utf8')) as Email[];
  // The server's own store module (same process, same module instance as the running server).
  const store = require('aws-ses-v2-local/dist/store') as SesStoreModule;
  for (const email of emails) store.saveEmail(email);
  return emails.length;
}

/** Writes every stored email to `emails.json` and each new one to `<messageId>.eml`. */
export async function persistMailbox(sesEndpoint: string, folder: string): Promise<{ total: number; emlFolder: string }> {
  await mkdir(folder, { recursive: true });
  const response = await fetch(`${sesEndpoint}/store`);
  const { emails } = (await response.json()) as { emails: Email[] };
  await writeFile(join(folder, 'emails.json'), JSON.stringify(emails, null, 1));
  for (const email of emails) {
    const emlFile = join(folder, `${email.messageId}.eml`);
    if (existsSync(emlFile)) continue;
    const eml = await fetch(`${sesEndpoint}/get-emlContent?messageId=${encodeURIComponent(email.messageId)}`);
    if (eml.ok) await writeFile(emlFile, await eml.text());
  }
  return { total: emails.length, emlFolder: folder };
}
