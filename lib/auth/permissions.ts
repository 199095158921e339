/**
 * Permission strings are dot-separated segments such as `api.api_1.create_key` (docs/sessions.md).
 * A held `*` covers everything; a `*` segment covers exactly one whole segment. Near misses
 * do not match: `api.*` does not cover `api.api_1.create_key`, `api.*.create_keys` covers nothing real.
 */
export function permissionCovers(held: string, needed: string): boolean {
  if (held === "*") return true;
  const h = held.split(".");
  const n = needed.split(".");
  if (h.length !== n.length) return false;
  return h.every((seg, i) => seg === "*" || seg === n[i]);
}

export function holdsPermission(held: readonly string[], needed: string): boolean {
  return held.some((p) => permissionCovers(p, needed));
}

/** The first of `anyOf` that is held, or undefined. Used where either a wildcard or a specific id grants. */
export function holdsAny(held: readonly string[], anyOf: readonly string[]): boolean {
  return anyOf.some((p) => holdsPermission(held, p));
}

/** Shape of a permission string as accepted at root-key creation. */
export const PERMISSION_PATTERN = /^(\*|[a-z_]+(\.([A-Za-z0-9_]+|\*))*\.[a-z_]+)$/;
