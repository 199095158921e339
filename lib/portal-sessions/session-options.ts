import { z } from "zod";
import { invalidInput } from "@/lib/api/errors";
import { canonicalLocale } from "@/lib/portal-sessions/locale";
import { type PortalAction, parseSessionPermission } from "@/lib/portal-sessions/permissions";

/**
 * How a session presents the portal (docs/sessions.md "Locale, theme and intent"): chosen by the
 * backend at createSession, stored on the session row, never read from the URL — the end user cannot
 * change them by editing the link.
 */
export const THEMES = ["light", "dark", "system"] as const;
export type Theme = (typeof THEMES)[number];

/** Where the portal opens: the keys tab, the keys tab with the create dialog open, usage, or docs. */
export const INTENTS = ["keys", "create_key", "usage", "docs"] as const;
export type Intent = (typeof INTENTS)[number];

export const localeSchema = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    const canonical = canonicalLocale(value);
    if (canonical) return canonical;
    ctx.addIssue({
      code: "custom",
      message: `locale "${value.slice(0, 64)}" is not a BCP 47 language tag.`,
      params: { fix: 'Send a tag such as "de", "fr-FR" or "ja" (the user\'s language; the portal falls back to English).' },
    });
    return z.NEVER;
  });

export const themeSchema = z.enum(THEMES);
export const intentSchema = z.enum(INTENTS);

/** The permission an intent needs; `keys` takes any key permission, `docs` none. */
const INTENT_NEEDS: Record<Intent, readonly PortalAction[]> = {
  keys: ["read_key", "create_key", "reroll_key", "update_key", "delete_key"],
  create_key: ["create_key"],
  usage: ["read_analytics"],
  docs: [],
};

/**
 * 400 `invalid_input` when the session's granted permissions (concrete `api.<id>.<action>`) do not
 * allow the intent, naming the permission it needs.
 */
export function assertIntentAllowed(intent: Intent, granted: Iterable<string>): void {
  const needs = INTENT_NEEDS[intent];
  if (needs.length === 0) return;
  const actions = new Set([...granted].map((p) => parseSessionPermission(p)?.action));
  if (needs.some((a) => actions.has(a))) return;
  const needed = needs[0] as PortalAction;
  const scope = needed === "read_analytics" ? "analytics:read" : needed === "create_key" ? "keys:create" : "keys:read";
  throw invalidInput(
    "body.intent",
    `The intent "${intent}" needs the ${needed} permission, which this session is not given.`,
    `Add "api.*.${needed}" to permissions (or "${scope}" to scopes), or send another intent.`,
    `body.intent: "${intent}" needs the ${needed} permission.`,
  );
}
