import "server-only";
import { randomBytes } from "node:crypto";
import { getDb } from "@/db/client";
import { getOrCreateSetting } from "@/db/queries/settings";
import { env } from "@/lib/env";

const holder = globalThis as unknown as { __keyportSessionSecrets?: Promise<string[]> };

/**
 * iron-session passwords, newest first (docs/sessions.md "The browser session"): SESSION_SECRET when set
 * (comma-separated for rotation, each ≥32 chars — env.ts refuses shorter ones), else one secret
 * generated on first start and kept in the database so every server on it shares it.
 */
export function sessionSecrets(): Promise<string[]> {
  holder.__keyportSessionSecrets ??= (async () => {
    const configured = env().SESSION_SECRET;
    if (configured) return configured.split(",").map((s) => s.trim());
    const { value } = await getOrCreateSetting(await getDb(), "session_secret", () => randomBytes(32).toString("base64url"));
    return [value];
  })().catch((err) => {
    holder.__keyportSessionSecrets = undefined;
    throw err;
  });
  return holder.__keyportSessionSecrets;
}

/** Tests that rotate secrets re-read them. */
export function resetSessionSecretsForTests(): void {
  holder.__keyportSessionSecrets = undefined;
}
