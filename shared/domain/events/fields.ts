import * as z from 'zod';
import { Customer } from '../customer';

/** The customer an event is about: the engine's customer id (the dealer system's own id). */
export const CustomerId = Customer.shape.id.meta({ description: "The customer's id, as in the import and GET /v1/customers/{id}." });

/** An instant with its UTC offset, as the dealer's system saw it (`2026-03-14T09:30:00+08:00`). */
export const Instant = z.iso.datetime({ offset: true });

/** A reference in the sender's system (appointment, repair order, survey): safe in a key and a message. */
export const Reference = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}$/, 'expected a reference of letters, digits and _ . : / - (at most 64)');
