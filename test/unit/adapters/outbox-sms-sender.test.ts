import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxSmsSender } from '../../../shared/adapters/sms/outbox-sms-sender';
import { TransientDeliveryError } from '../../../shared/domain/errors';

const fixedClock = () => new Date('2026-03-14T09:00:00.000Z');

async function readLines(path: string): Promise<Record<string, unknown>[]> {
  const content = await readFile(path, 'utf8');
  return content
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('outbox SMS sender', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'sms-outbox-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('creates the missing folder and writes one JSON line for the SMS', async () => {
    const outbox = join(folder, 'nested', 'deeper', 'sms.jsonl');
    const sender = createOutboxSmsSender(outbox, { timeoutMs: 3_000, clock: fixedClock });

    const receipt = await sender.sendSms({ to: '+447700900123', text: 'Happy birthday, Ann!', tags: { journey: 'birthday' } });

    expect(await readLines(outbox)).toEqual([
      { at: '2026-03-14T09:00:00.000Z', messageId: receipt.providerMessageId, to: '+447700900123', text: 'Happy birthday, Ann!', tags: { journey: 'birthday' } },
    ]);
    expect(receipt.providerMessageId).toMatch(/^outbox-[0-9a-f-]{36}$/);
  });

  it('appends one line per SMS with a distinct message id each', async () => {
    const outbox = join(folder, 'sms.jsonl');
    const sender = createOutboxSmsSender(outbox, { timeoutMs: 3_000, clock: fixedClock });

    const first = await sender.sendSms({ to: '+447700900123', text: 'one', tags: {} });
    const second = await sender.sendSms({ to: '+447700900124', text: 'two\nlines', tags: {} });

    const lines = await readLines(outbox);
    expect(lines.map((line) => [line.messageId, line.to, line.text])).toEqual([
      [first.providerMessageId, '+447700900123', 'one'],
      [second.providerMessageId, '+447700900124', 'two\nlines'],
    ]);
    expect(first.providerMessageId).not.toBe(second.providerMessageId);
  });

  it('fails as transient within its timeout when the write never completes', async () => {
    // A named pipe nobody reads: opening it for writing blocks, as a hung mount would.
    const outbox = join(folder, 'stuck.jsonl');
    execFileSync('mkfifo', [outbox]);
    const sender = createOutboxSmsSender(outbox, { timeoutMs: 200, clock: fixedClock });
    const started = Date.now();

    const sending = sender.sendSms({ to: '+447700900123', text: 'one', tags: {} });

    await expect(sending).rejects.toBeInstanceOf(TransientDeliveryError);
    expect(Date.now() - started).toBeLessThan(2_000);
    // Let the blocked write finish so it does not hold a libuv thread after the test.
    const reader = await open(outbox, constants.O_RDONLY | constants.O_NONBLOCK);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await reader.close();
  });
});
