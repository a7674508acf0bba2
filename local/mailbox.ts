/**
 * Keeps the local SES server's mail across runs: aws-ses-v2-local stores mail in memory only, so
 * each accepted email is appended to a journal (`.local/ses/emails.jsonl`) before the server
 * answers, like the SMS outbox and the print folder: a run killed mid-dispatch loses no mail it
 * sent. After a run the mail is also written as a JSON store, a page and one .eml per message, and
 * the next start puts the journal back into the server's store, where its web page shows it again.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Email } from 'aws-ses-v2-local/dist/store';
import { escapeHtml } from './html';

const require = createRequire(import.meta.url);

interface SesStoreModule {
  saveEmail(email: Email): void;
}

// The server's own store module (same process, same module instance as the running server).
const store = require('aws-ses-v2-local/dist/store') as SesStoreModule;
const saveInServer = store.saveEmail;
const journalOf = (folder: string) => join(folder, 'emails.jsonl');

async function savedEmails(folder: string): Promise<Email[]> {
  if (existsSync(journalOf(folder))) {
    const lines = (await readFile(journalOf(folder), 'utf8')).split('\n').filter((line) => line.trim() !== '');
    return lines.map((line) => JSON.parse(line) as Email);
  }
  // A data folder from before the journal: its mail was saved only after each run.
  const file = join(folder, 'emails.json');
  return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as Email[]) : [];
}

/**
 * Puts the saved mail back into the server's store, then journals every email the server accepts
 * from now on. The server calls its store through the module's exports, so replacing
 * `saveEmail` there catches each accepted email; the append is synchronous so the email is on disk
 * before the server answers the SES call.
 */
export async function restoreMailbox(folder: string): Promise<number> {
  const emails = await savedEmails(folder);
  for (const email of emails) saveInServer(email);
  mkdirSync(folder, { recursive: true });
  if (!existsSync(journalOf(folder))) writeFileSync(journalOf(folder), emails.map((email) => `${JSON.stringify(email)}\n`).join(''));
  store.saveEmail = (email: Email) => {
    appendFileSync(journalOf(folder), `${JSON.stringify(email)}\n`);
    saveInServer(email);
  };
  return emails.length;
}

/**
 * A static copy of the mailbox (`index.html`), readable in a browser after `--once` has exited
 * and the SES server with it. Each email's HTML body is shown in a sandboxed frame.
 */
export function renderMailboxPage(emails: Email[]): string {
  const items = [...emails]
    .sort((a, b) => b.at - a.at)
    .map(
      (email) => `<article>
<h2>${escapeHtml(email.subject)}</h2>
<p class="meta">to ${escapeHtml(email.destination.to.join(', '))} · from ${escapeHtml(email.from)} · ${new Date(email.at * 1000).toISOString()} · <a href="${encodeURIComponent(email.messageId)}.eml">.eml</a></p>
${email.body.html ? `<iframe sandbox srcdoc="${escapeHtml(email.body.html)}"></iframe>` : `<pre>${escapeHtml(email.body.text ?? '')}</pre>`}
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Local mailbox (${emails.length})</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:56rem;color:#222}article{border-bottom:1px solid #ddd;padding:1rem 0}
.meta{color:#666;font-size:.85rem}iframe{width:100%;height:14rem;border:1px solid #eee}</style></head>
<body><h1>Local mailbox: ${emails.length} emails</h1>
<p>Copied from the local SES server (aws-ses-v2-local). While <code>npm start</code> runs, its own page is at the SES port.</p>
${items || '<p>No email yet.</p>'}
</body></html>
`;
}

/** Writes every stored email to `emails.json`, `index.html` and each new one to `<messageId>.eml`. */
export async function persistMailbox(sesEndpoint: string, folder: string): Promise<{ total: number; emlFolder: string }> {
  await mkdir(folder, { recursive: true });
  const response = await fetch(`${sesEndpoint}/store`);
  const { emails } = (await response.json()) as { emails: Email[] };
  await writeFile(join(folder, 'emails.json'), JSON.stringify(emails, null, 1));
  await writeFile(join(folder, 'index.html'), renderMailboxPage(emails));
  for (const email of emails) {
    const emlFile = join(folder, `${email.messageId}.eml`);
    if (existsSync(emlFile)) continue;
    const eml = await fetch(`${sesEndpoint}/get-emlContent?messageId=${encodeURIComponent(email.messageId)}`);
    if (!eml.ok) continue;
    // The server answers JSON with the message as a serialised Buffer, not the .eml itself.
    const { body } = (await eml.json()) as { body: { type: 'Buffer'; data: number[] } };
    await writeFile(emlFile, Buffer.from(body.data));
  }
  return { total: emails.length, emlFolder: folder };
}
