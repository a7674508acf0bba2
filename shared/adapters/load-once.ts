import { TransientDeliveryError } from '../domain/errors';

/** An SDK client (or any dependency) made on first use: see {@link loadOnce}. */
export type ClientSource<Client> = () => Promise<Client>;

/** A client made already, or one to make on first use: adapters take either. */
export type ClientOrSource<Client extends object> = Client | ClientSource<Client>;

/** The source of `client`: itself when it is one, else a source that returns the client made already. */
export function clientSourceOf<Client extends object>(client: ClientOrSource<Client>): ClientSource<Client> {
  return typeof client === 'function' ? client : () => Promise.resolve(client);
}

/**
 * `load` run on the first call, its result shared by every later one. For what only some
 * invocations need (an SDK client loaded with a dynamic import the bundler leaves to the runtime,
 * the PDF renderer): a cold start that never asks for it does not pay for loading it. A failed
 * load is not kept, so the next call tries again, as after any transient fault.
 *
 * @example
 * const ses = loadOnce(async () => new (await import('@aws-sdk/client-sesv2')).SESv2Client({}));
 * const client = await ses(); // imports the SDK module the first time only
 */
export function loadOnce<Value>(load: () => Promise<Value>): ClientSource<Value> {
  let loaded: Promise<Value> | undefined;
  return () =>
    (loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
}

/**
 * What a send needs loaded first (its SDK module and client): a load that fails has sent nothing,
 * so it becomes a {@link TransientDeliveryError} and the message is tried again later.
 */
export async function loadedForSend<Value>(what: string, load: () => Promise<Value>): Promise<Value> {
  try {
    return await load();
  } catch (error) {
    throw new TransientDeliveryError(`the ${what} could not be loaded`, { cause: error });
  }
}
