/**
 * The brand as a sender: a brand's customer centre speaks to the owners of all its dealers (the
 * welcome pack comes from the customer centre, not from the dealer who sold the car). A dealer
 * belongs to at most one brand (`Dealer.brandId`); a journey says who sends it (`sender`).
 */
import * as z from 'zod';
import { PostalAddress, type Dealer } from './customer';

export const Brand = z.object({
  id: z.string().min(1),
  /** The customer centre's name as it signs its letters ("BMW Customer Centre"). */
  name: z.string().min(1).meta({ description: "Name of the brand's customer centre, as it signs letters and emails." }),
  /** The address its emails come from; verified in SES for the deployed stack. */
  email: z.email().meta({ description: "The customer centre's sender address (emails go out From it)." }),
  phone: z.string().min(1),
  /** The return address on its print pieces. */
  address: PostalAddress.meta({ description: "The customer centre's postal address: the return address on its letters." }),
});
export type Brand = z.infer<typeof Brand>;

/** Who a journey's messages come from: the customer's dealer (the default), or the dealer's brand. */
export const JourneySender = z.enum(['dealer', 'brand']);
export type JourneySender = z.infer<typeof JourneySender>;

/** What a message says of its sender, and where its email and print piece come from. */
export interface SenderIdentity {
  /** Whether the dealer or the brand speaks: a brand's email goes From its own address. */
  kind: JourneySender;
  name: string;
  phone: string;
  email: string;
  address: PostalAddress;
}

export type SenderChoice = { ok: true; sender: SenderIdentity } | { ok: false; reason: string };

/**
 * The sender of a message of a journey sent by `sender`, for a customer of `dealer`. A brand-sent
 * journey needs the dealer's brand: without one the message cannot go out as the journey says,
 * and sending it as the dealer instead would put words in the dealer's mouth, so it fails (the
 * reason names the dealer, never the customer). `brand` is the dealer's brand as read, if any.
 */
export function chooseSender(sender: JourneySender, dealer: Dealer, brand: Brand | undefined): SenderChoice {
  if (sender === 'dealer') return { ok: true, sender: { kind: 'dealer', name: dealer.name, phone: dealer.phone, email: dealer.email, address: dealer.address } };
  if (dealer.brandId === undefined) return { ok: false, reason: `no-brand: dealer ${dealer.id} belongs to no brand, and the journey is sent by the brand` };
  if (brand === undefined || brand.id !== dealer.brandId) return { ok: false, reason: `brand-missing: brand ${dealer.brandId} of dealer ${dealer.id} is not stored` };
  return { ok: true, sender: { kind: 'brand', name: brand.name, phone: brand.phone, email: brand.email, address: brand.address } };
}
