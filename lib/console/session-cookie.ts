import "server-only";
import { createHmac } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import { sessionSecrets } from "@/lib/bootstrap/session-secrets";
import { env } from "@/lib/env";

/**
 * The console's cookie (docs/security.md "The console cookie"): its own name and path, SameSite=Strict,
 * and a seal of its own purpose. The portal reads `portal_session` / `portal_session_embed` and the API
 * reads Authorization headers only, so neither ever accepts it; and since the seal's password is
 * derived from the session secret for the console alone, a console seal does not open as a portal seal,
 * nor a portal seal as a console one.
 */
export const CONSOLE_COOKIE = "console_session";
export const CONSOLE_PATH = "/console";

const PURPOSE = "keyport console session v1";

/** The iron password of the console for one session secret: HMAC-SHA256(secret, purpose), base64url (43 characters). */
function consolePassword(secret: string): string {
  return createHmac("sha256", secret).update(PURPOSE).digest("base64url");
}

/** Seals a session token with the newest secret (rotation: unsealing tries every configured secret). */
export async function sealConsoleToken(token: string, ttlSeconds: number): Promise<string> {
  const [newest] = await sessionSecrets();
  if (!newest) throw new Error("no session secret");
  return sealData({ v: 1, c: token }, { password: consolePassword(newest), ttl: ttlSeconds });
}

/** The token in a console seal, or undefined for a tampered, truncated, expired or foreign seal (never throws). */
export async function unsealConsoleToken(seal: string | undefined): Promise<string | undefined> {
  if (!seal || seal.length > 4096) return undefined;
  for (const secret of await sessionSecrets()) {
    try {
      const data = (await unsealData(seal, { password: consolePassword(secret), ttl: 0 })) as { v?: unknown; c?: unknown };
      if (data.v === 1 && typeof data.c === "string" && data.c.startsWith("kcs_") && data.c.length <= 100) return data.c;
    } catch {
      // not sealed with this secret: try the next one
    }
  }
  return undefined;
}

function attributes(maxAgeSeconds: number): string {
  const secure = env().PUBLIC_URL.startsWith("https://") ? "; Secure" : "";
  return `Path=${CONSOLE_PATH}; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}; HttpOnly; SameSite=Strict${secure}`;
}

/** `Set-Cookie` for a console seal. */
export function consoleCookie(seal: string, maxAgeSeconds: number): string {
  return `${CONSOLE_COOKIE}=${seal}; ${attributes(maxAgeSeconds)}`;
}

/** `Set-Cookie` that removes the console cookie. */
export function clearedConsoleCookie(): string {
  return `${CONSOLE_COOKIE}=; ${attributes(0)}`;
}
