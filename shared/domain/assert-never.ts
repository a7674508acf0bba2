/** Ends an exhaustive `switch`: a new union member without a case fails to compile here. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
