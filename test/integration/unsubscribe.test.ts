import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';
import { drainQueue, evaluateDate } from '../../local/run-day';
import { aCustomerContext } from '../helpers/factories';
import { putCustomers, refileFrom, startTestEngine, storedEmails } from '../helpers/local-engine';
import { aKey, startTestApi } from '../helpers/event-api';

/** Every stored email as the .eml a mail client gets, parsed with a MIME parser. */
async function parsedEmails(engine: Awaited<ReturnType<typeof startTestEngine>>): Promise<{ to: string; mail: ParsedMail }[]> {
  const parsed = [];
  for (const email of await storedEmails(engine)) {
    // aws-ses-v2-local answers with the .eml's bytes as a JSON-serialised Buffer.
    const stored = (await (await fetch(`${engine.stack.endpoints.ses}/get-emlContent?messageId=${encodeURIComponent(email.messageId)}`)).json()) as { body: { data: number[] } };
    parsed.push({ to: email.destination.to[0]!, mail: await simpleParser(Buffer.from(stored.body.data)) });
  }
  return parsed;
}

/** A header's value as written, unfolded (mailparser turns List-* headers into an object of its own). */
const header = (mail: ParsedMail, key: string) => {
  const line = mail.headerLines.find((entry) => entry.key === key)?.line;
  return line?.slice(line.indexOf(':') + 1).replace(/\r?\n\s+/g, ' ').trim();
};
const headerUrl = (mail: ParsedMail) => /^<(.+)>$/.exec(header(mail, 'list-unsubscribe') ?? '')?.[1];

describe('one-click unsubscribe on the local stack', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let api: Awaited<ReturnType<typeof startTestApi>>;

  beforeAll(async () => {
    engine = await startTestEngine({ journeys: ['spring-refresh'] });
    api = await startTestApi(engine);
    await putCustomers(
      engine,
      [aCustomerContext({ id: 'ann', email: 'ann@example.com' }), aCustomerContext({ id: 'wang', firstName: '伟', lastName: '王', salutation: 'mr', locale: 'zh-CN', email: 'wang@example.com' })],
      { from: '2026-03-01' },
    );
  });

  afterAll(async () => {
    await api?.close();
    await engine?.cleanUp();
  });

  it('sends promotional mail that parses as MIME, with a text part, both RFC 8058 headers and the link in the body', async () => {
    await evaluateDate(engine.handlers.evaluate, '2026-03-01');
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);

    const emails = await parsedEmails(engine);

    expect(emails.map((email) => email.to).sort()).toEqual(['ann@example.com', 'wang@example.com']);
    for (const { mail } of emails) {
      const url = headerUrl(mail);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/unsubscribe\/u1\.[\w-]+\.[\w-]+$/);
      expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(mail.text).toContain(url);
      expect(mail.html).toContain(`href="${url}"`);
    }
  });

  it("shows a confirmation page in the customer's language on GET, and changes nothing", async () => {
    const emails = await parsedEmails(engine);
    const pathOf = (to: string) => new URL(headerUrl(emails.find((email) => email.to === to)!.mail)!).pathname;

    const english = await fetch(`${api.url}${pathOf('ann@example.com')}`);
    const chinese = await fetch(`${api.url}${pathOf('wang@example.com')}`);

    expect(english.status).toBe(200);
    expect(english.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await english.text()).toMatch(/<html lang="en">[\s\S]*Stop offers and news emails\?[\s\S]*<form method="post"/);
    expect(await chinese.text()).toMatch(/<html lang="zh-CN">[\s\S]*确定不再接收优惠和资讯邮件吗/);
  });

  it('refuses a tampered link with the same page whatever is wrong', async () => {
    const emails = await parsedEmails(engine);
    const path = new URL(headerUrl(emails.find((email) => email.to === 'ann@example.com')!.mail)!).pathname;
    const [prefix, payload, signature] = path.split('.') as [string, string, string];
    const otherCustomer = Buffer.from(JSON.stringify(['wang', 'email', 'promotional'])).toString('base64url');

    const forged = await fetch(`${api.url}${prefix}.${otherCustomer}.${signature}`, { method: 'POST' });
    const garbled = await fetch(`${api.url}${prefix}.${payload}.${signature.slice(1)}`, { method: 'POST' });

    expect([forged.status, garbled.status]).toEqual([404, 404]);
  });

  it("after a one-click POST on the header's URL, the next occurrence sends no email and the history says why", async () => {
    const emails = await parsedEmails(engine);
    const url = headerUrl(emails.find((email) => email.to === 'ann@example.com')!.mail)!;

    const response = await fetch(`${api.url}${new URL(url).pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('You will get no more offers and news emails from us.');

    await fetch(`${engine.stack.endpoints.ses}/clear-store`, { method: 'POST' });
    await refileFrom(engine, '2027-03-01');
    await evaluateDate(engine.handlers.evaluate, '2027-03-01');
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);

    expect((await storedEmails(engine)).map((email) => email.destination.to[0])).toEqual(['wang@example.com']);
    const key = await aKey(engine, { kind: 'dealer', dealerId: 'dealer-sh' });
    const history = (await (await fetch(`${api.url}/v1/customers/ann/messages`, { headers: { authorization: `Bearer ${key}` } })).json()) as { messages: { occurrenceKey: string; status: string; reason?: string }[] };
    expect(history.messages.find((send) => send.occurrenceKey.startsWith('2027'))).toMatchObject({ status: 'skipped', reason: 'suppressed: unsubscribe' });
  });
});
