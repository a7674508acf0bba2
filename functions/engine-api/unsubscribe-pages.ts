/**
 * The small HTML pages of the public unsubscribe link, in the customer's language. No script, no
 * external resources: the page works in any mail client's browser and leaks nothing to a third party.
 */
import type { Locale } from '../../shared/domain/customer';
import type { UnsubscribeRequest } from '../../shared/domain/unsubscribe-token';

const words = {
  en: {
    lang: 'en',
    channel: { email: 'emails', sms: 'text messages', print: 'letters' },
    category: { promotional: 'offers and news', service: 'service reminders', transactional: 'account messages' },
    confirmTitle: 'Unsubscribe',
    confirm: (what: string) => `Stop ${what}? You will still hear from us about anything you ask for.`,
    button: 'Unsubscribe',
    doneTitle: 'You are unsubscribed',
    done: (what: string) => `You will get no more ${what} from us.`,
    invalidTitle: 'Link not valid',
    invalid: 'This unsubscribe link is not valid. Please use the link from your latest message.',
  },
  'zh-CN': {
    lang: 'zh-CN',
    channel: { email: '邮件', sms: '短信', print: '信件' },
    category: { promotional: '优惠和资讯', service: '保养提醒', transactional: '账户通知' },
    confirmTitle: '退订',
    confirm: (what: string) => `确定不再接收${what}吗？您主动要求的信息仍会照常发送。`,
    button: '确认退订',
    doneTitle: '退订成功',
    done: (what: string) => `您将不再收到我们的${what}。`,
    invalidTitle: '链接无效',
    invalid: '此退订链接无效，请使用最新一封信息中的链接。',
  },
} as const;

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function page(locale: Locale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${words[locale].lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5}button{font-size:1rem;padding:.6rem 1.2rem}</style></head>
<body><h1>${escape(title)}</h1>${body}</body></html>
`;
}

const what = (locale: Locale, request: UnsubscribeRequest) => {
  const w = words[locale];
  return locale === 'zh-CN' ? `${w.category[request.category]}${w.channel[request.channel]}` : `${w.category[request.category]} ${w.channel[request.channel]}`;
};

/** GET: asks, with a button that POSTs to the same link (a mail scanner's GET changes nothing). */
export function confirmPage(locale: Locale, request: UnsubscribeRequest, action: string): string {
  const w = words[locale];
  return page(locale, w.confirmTitle, `<p>${escape(w.confirm(what(locale, request)))}</p><form method="post" action="${escape(action)}"><button type="submit">${escape(w.button)}</button></form>`);
}

export function donePage(locale: Locale, request: UnsubscribeRequest): string {
  const w = words[locale];
  return page(locale, w.doneTitle, `<p>${escape(w.done(what(locale, request)))}</p>`);
}

export function invalidPage(): string {
  return page('en', `${words.en.invalidTitle} / ${words['zh-CN'].invalidTitle}`, `<p>${escape(words.en.invalid)}</p><p lang="zh-CN">${escape(words['zh-CN'].invalid)}</p>`);
}
