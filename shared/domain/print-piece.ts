/**
 * A personalised direct-mail piece, ready to lay out: what dispatch renders into the piece's own
 * PDF, and what it stages beside that PDF so the day's batch can set the same piece again.
 */
import * as z from 'zod';
import type { SenderIdentity } from './brand';
import { Locale, PostalAddress, type Customer } from './customer';
import { postalName } from './personalisation';
import { missingAddressParts } from './print-address';
import type { RenderedMessage } from './render';
import { PrintDesign } from './journey/schema';

export const PrintPiece = z.object({
  design: PrintDesign,
  locale: Locale,
  /** Drives the artwork: the birthday design draws one candle per year. */
  age: z.number().int().nullable(),
  headline: z.string(),
  body: z.string(),
  signoff: z.string(),
  /** What the welcome letter lists (the pack's contents chosen for this customer), one line each. */
  items: z.array(z.string()).optional(),
  /** The welcome letter's invitation (to the owner programme), set apart from the letter. */
  invitation: z.string().optional(),
  recipient: z.object({ name: z.string(), address: PostalAddress }),
  sender: z.object({ name: z.string(), address: PostalAddress }),
});
export type PrintPiece = z.infer<typeof PrintPiece>;

/** A piece ready to lay out, or why it cannot be printed (it would not reach the customer). */
export type PieceChoice = { ok: true; piece: PrintPiece } | { ok: false; reason: string };

/**
 * The piece a rendered print template makes for one customer, from one sender: addressed to the
 * customer's postal name and address, with the sender's as the return address. An incomplete
 * address makes no piece: the reason names the parts missing, never their values.
 */
export function printPieceOf(
  rendered: Extract<RenderedMessage, { channel: 'print' }>,
  customer: Customer,
  sender: Pick<SenderIdentity, 'name' | 'address'>,
): PieceChoice {
  const missing = missingAddressParts(customer.postalAddress);
  if (missing.length > 0 || customer.postalAddress === undefined) return { ok: false, reason: `incomplete-address: no ${missing.join(', ')}` };
  return {
    ok: true,
    piece: {
      design: rendered.design,
      locale: customer.locale,
      age: rendered.age,
      headline: rendered.headline,
      body: rendered.body,
      signoff: rendered.signoff,
      ...(rendered.items ? { items: rendered.items } : {}),
      ...(rendered.invitation ? { invitation: rendered.invitation } : {}),
      recipient: { name: postalName({ customer }), address: customer.postalAddress },
      sender: { name: sender.name, address: sender.address },
    },
  };
}
