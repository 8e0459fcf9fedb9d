const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID in its canonical text form (either case): what an id column accepts, so a lookup cannot fail on the value. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
