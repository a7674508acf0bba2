/**
 * A personalised direct-mail piece, ready to lay out: what dispatch renders into the piece's own
 * PDF, and what it stages beside that PDF so the day's batch can set the same piece again.
 */
import * as z from 'zod';
import { Locale, PostalAddress } from './customer';
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
