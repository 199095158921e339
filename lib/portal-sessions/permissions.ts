/**
 * The portal session permission vocabulary (docs/sessions.md "Minting"): `api.<apiId|*>.<action>`,
 * the SDK's scopes that map onto it, and the root-key permissions each action needs (the ceiling).
 */
export const PORTAL_ACTIONS = ["read_key", "create_key", "reroll_key", "update_key", "delete_key", "read_analytics"] as const;
export type PortalAction = (typeof PORTAL_ACTIONS)[number];

export const SCOPE_ACTIONS = {
  "keys:read": "read_key",
  "keys:create": "create_key",
  "keys:reroll": "reroll_key",
  "analytics:read": "read_analytics",
} as const satisfies Record<string, PortalAction>;
export type PortalScope = keyof typeof SCOPE_ACTIONS;

export const SESSION_PERMISSION_PATTERN = new RegExp(`^api\\.([A-Za-z0-9_]+|\\*)\\.(${PORTAL_ACTIONS.join("|")})$`);

export type ParsedPermission = { apiId: string; action: PortalAction };

/** `api.<apiId|*>.<action>` → parts, or undefined for anything outside the vocabulary. */
export function parseSessionPermission(permission: string): ParsedPermission | undefined {
  const match = SESSION_PERMISSION_PATTERN.exec(permission);
  if (!match?.[1] || !match[2]) return undefined;
  return { apiId: match[1], action: match[2] as PortalAction };
}

/**
 * What the minting root key must hold, per API, for a session to carry `action` there. `read_key`
 * also needs `read_api`; rerolling mints a key, so it needs `create_key` (Unkey's rule).
 */
export function ceilingFor(action: PortalAction): string[] {
  switch (action) {
    case "read_key":
      return ["read_key", "read_api"];
    case "create_key":
    case "reroll_key":
      return ["create_key"];
    default:
      return [action];
  }
}

export function sessionPermission(apiId: string, action: PortalAction): string {
  return `api.${apiId}.${action}`;
}
