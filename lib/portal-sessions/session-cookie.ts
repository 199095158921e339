import "server-only";
import { sealData, unsealData } from "iron-session";
import { sessionSecrets } from "@/lib/bootstrap/session-secrets";
import { env } from "@/lib/env";
import { unsealOnce } from "@/lib/portal-sessions/unseal-cache";

/** docs/sessions.md "The browser session": one cookie, sealed, holding one access token per portal id. */
export const PORTAL_COOKIE = "portal_session";

/**
 * The same kind of seal for portals with embed origins, in a partitioned (CHIPS) cookie that a
 * third-party frame can use: `Secure; SameSite=None; Partitioned`. A separate name, so a browser that
 * holds both (at the top level, where the partitioned jar is keyed by the portal's own site) never
 * sends two cookies of one name (docs/security.md "Embedding and the session cookie").
 */
export const EMBED_COOKIE = "portal_session_embed";

/** Which cookie a portal's entry lives in. */
export type CookieJar = "first-party" | "partitioned";

/**
 * What the seal holds: `{ pc_…: pat_… }`. Always a null-prototype object (see emptySessions), so a
 * lookup by a request-supplied name such as `__proto__` or `constructor` finds nothing.
 */
export type SealedSessions = Record<string, string>;

export function emptySessions(): SealedSessions {
  return Object.create(null) as SealedSessions;
}

/** A seal holding more is refused as a whole; writers evict the least recently used entry first. */
export const MAX_PORTALS_PER_SEAL = 20;

/** The raw value of one cookie from a Cookie header (first occurrence), or undefined. */
export function readCookie(cookieHeader: string | null | undefined, name = PORTAL_COOKIE): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

/** The SDK sends the bare access token in the cookie; a browser carries the iron seal. */
export function isRawToken(value: string): boolean {
  return value.startsWith("pat_");
}

/**
 * Seals with the newest secret only. Each secret is used as a lone password (iron's id "1"),
 * so unsealing can simply try every configured secret: rotation keeps working whatever the order.
 */
export async function sealSessions(sessions: SealedSessions, ttlSeconds: number): Promise<string> {
  const [newest] = await sessionSecrets();
  if (!newest) throw new Error("no session secret");
  return sealData({ v: 1, s: sessions }, { password: newest, ttl: ttlSeconds });
}

/**
 * The sessions in a seal, or undefined for a tampered, truncated, expired or foreign seal (never
 * throws). Cached per exact seal for a minute, so the several reads of one request (and the
 * requests of one visit) unseal once.
 */
export async function unsealSessions(seal: string): Promise<SealedSessions | undefined> {
  if (seal.length > 8192) return undefined;
  const secrets = await sessionSecrets();
  // Date.now, not the injectable clock: iron checks the seal's expiry against the real time.
  return unsealOnce(seal, secrets, Date.now(), () => unsealWith(seal, secrets));
}

async function unsealWith(seal: string, secrets: readonly string[]): Promise<SealedSessions | undefined> {
  for (const secret of secrets) {
    try {
      const data = (await unsealData(seal, { password: secret, ttl: 0 })) as { v?: unknown; s?: unknown };
      if (data.v !== 1 || !data.s || typeof data.s !== "object") continue;
      const out = emptySessions();
      for (const [portalId, token] of Object.entries(data.s as Record<string, unknown>)) {
        if (portalId.startsWith("pc_") && typeof token === "string" && isRawToken(token)) out[portalId] = token;
      }
      return Object.keys(out).length > MAX_PORTALS_PER_SEAL ? undefined : out;
    } catch {
      // malformed seal: try the next secret, then give up
    }
  }
  return undefined;
}

/**
 * Whether this server can set a partitioned cookie: browsers take `Secure` (which `SameSite=None` and
 * `Partitioned` require) only over https, and over http on localhost / 127.0.0.1 (development).
 */
export function partitionedCookiesAvailable(): boolean {
  const url = new URL(env().PUBLIC_URL);
  return url.protocol === "https:" || (url.protocol === "http:" && (url.hostname === "localhost" || url.hostname === "127.0.0.1"));
}

/** The jar of a portal: partitioned when it may be framed and the server can set such a cookie. */
export function jarFor(embedOrigins: readonly string[]): CookieJar {
  return embedOrigins.length > 0 && partitionedCookiesAvailable() ? "partitioned" : "first-party";
}

export function cookieName(jar: CookieJar): string {
  return jar === "partitioned" ? EMBED_COOKIE : PORTAL_COOKIE;
}

function cookieAttributes(maxAgeSeconds: number, jar: CookieJar): string {
  if (jar === "partitioned") return `Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=None; Partitioned`;
  const secure = env().PUBLIC_URL.startsWith("https://") ? "; Secure" : "";
  return `Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
}

/** `Set-Cookie` for a seal; Max-Age is the longest absolute end among the sessions it holds. */
export function sessionCookie(seal: string, maxAgeSeconds: number, jar: CookieJar = "first-party"): string {
  return `${cookieName(jar)}=${seal}; ${cookieAttributes(Math.max(0, Math.floor(maxAgeSeconds)), jar)}`;
}

/** `Set-Cookie` that removes the cookie. */
export function clearedSessionCookie(jar: CookieJar = "first-party"): string {
  return `${cookieName(jar)}=; ${cookieAttributes(0, jar)}`;
}

/**
 * The sessions of a browser's two cookies together (each holds different portals): undefined when
 * every seal it sent is unreadable (tampered, expired, foreign), so the caller answers as for a dead
 * session. The first-party value may also be the SDK's raw token, which is not a seal: callers
 * handle that form before calling this.
 */
export async function unsealBrowserCookies(values: { firstParty?: string; partitioned?: string }): Promise<SealedSessions | undefined> {
  const seals = [values.firstParty, values.partitioned].filter((v): v is string => !!v && !isRawToken(v));
  let out: SealedSessions | undefined;
  for (const seal of seals) {
    const sessions = await unsealSessions(seal);
    if (sessions) out = Object.assign(out ?? emptySessions(), sessions);
  }
  return out;
}
