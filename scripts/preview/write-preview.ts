/**
 * Writes a preview's messages as files a person opens (the email's HTML and text, the SMS text,
 * the print PDF, the task) and lists them: one row per step with its channel, send day, files
 * and what to know (SMS segments, an error, why it would not go).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assertNever } from '../../shared/domain/assert-never';
import type { PreviewContent, PreviewedMessage } from '../../shared/use-cases/preview-journey';

/** The files written for one step, named after the step (`email.html`, `sms.txt`, `card.pdf`). */
function filesOf(stepId: string, content: PreviewContent): { name: string; body: string | Uint8Array }[] {
  switch (content.channel) {
    case 'email':
      return [
        { name: `${stepId}.html`, body: content.html },
        { name: `${stepId}.txt`, body: `Subject: ${content.subject}\n\n${content.text}\n` },
      ];
    case 'sms':
      return [{ name: `${stepId}.txt`, body: `${content.text}\n` }];
    case 'print':
      // The PDF is the piece; without one (no renderer, an address it cannot print to) its text.
      if (content.pdf) return [{ name: `${stepId}.pdf`, body: content.pdf }];
      return [{ name: `${stepId}.txt`, body: [content.headline, '', content.body, '', ...(content.items ?? []), ...(content.invitation ? ['', content.invitation] : []), '', content.signoff, ''].join('\n') }];
    case 'task':
      return [{ name: `${stepId}.txt`, body: `${content.title}\nDue: ${content.dueOn} (${content.urgency}, for the ${content.assignee})\n\n${content.body}\n` }];
    default:
      return assertNever(content);
  }
}

/** What the listing says of a step beside its files. */
function detailOf(message: PreviewedMessage): string {
  if (!message.ok) return `ERROR ${message.error}`;
  const { content } = message;
  switch (content.channel) {
    case 'sms':
      return `${content.segments} segment${content.segments === 1 ? '' : 's'} (${content.encoding})`;
    case 'print':
      return content.age !== null && content.design === 'birthday-candles' ? `${content.design}, ${content.age} candles` : content.design;
    case 'task':
      return `due ${content.dueOn}`;
    case 'email':
      return content.from ? `from ${content.from}` : '';
    default:
      return assertNever(content);
  }
}

/**
 * Writes every rendered step into `outDir` and returns the listing, one line per step then its
 * notices indented; `listing.txt` in `outDir` holds the same lines, and `preview.json` the
 * messages as data (PDF bytes left out: they are in the `.pdf`).
 */
export async function writePreview(outDir: string, header: readonly string[], messages: readonly PreviewedMessage[]): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  // What holds for the whole occurrence (the audience, a year away) is said once, not per step.
  const shared = (messages[0]?.notices ?? []).filter((notice) => messages.every((message) => message.notices.includes(notice)));
  const rows: string[] = shared.map((notice) => `Note: ${notice}`);
  for (const message of messages) {
    const files = message.ok ? filesOf(message.stepId, message.content) : [];
    await Promise.all(files.map((file) => writeFile(join(outDir, file.name), file.body)));
    const names = files.map((file) => file.name).join(', ') || '-';
    const when = message.offsetHours === undefined ? message.sendDate : `${message.offsetHours > 0 ? '+' : ''}${message.offsetHours}h`.padEnd(10);
    rows.push(`  ${message.stepId.padEnd(12)} ${message.channel.padEnd(6)} ${when}  ${message.locale.padEnd(5)} ${names.padEnd(24)} ${detailOf(message)}`.trimEnd());
    for (const notice of message.notices.filter((each) => !shared.includes(each))) rows.push(`      note: ${notice}`);
  }
  const listing = [...header, ...rows];
  await writeFile(join(outDir, 'listing.txt'), `${listing.join('\n')}\n`);
  const data = messages.map((message) => (message.ok && message.content.channel === 'print' ? { ...message, content: { ...message.content, pdf: message.content.pdf ? `${message.stepId}.pdf` : undefined } } : message));
  await writeFile(join(outDir, 'preview.json'), `${JSON.stringify(data, null, 2)}\n`);
  return listing;
}
