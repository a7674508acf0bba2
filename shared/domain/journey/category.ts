import * as z from 'zod';

/**
 * What a journey is for, which the dispatch policies read (caps count promotional messages;
 * transactional ones, such as an expiry notice the customer needs, pass them).
 */
export const JourneyCategory = z.enum(['promotional', 'service', 'transactional']);
export type JourneyCategory = z.infer<typeof JourneyCategory>;
