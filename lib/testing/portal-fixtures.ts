import { getDb } from "@/db/client";
import { apis, type KeyTemplate, portalConfigApis, portalConfigs, type SessionPolicy } from "@/db/schema";
import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { post } from "@/lib/testing/fixtures";

/**
 * Test fixtures of the session plane. Portal configs are inserted directly (provisioning is
 * another module's verb); everything a test asserts goes through real HTTP.
 */
export async function seedApi(workspaceId: string, name = "production"): Promise<string> {
  const id = newId("api");
  await (await getDb()).insert(apis).values({ id, workspaceId, name, createdAt: now() });
  return id;
}

export async function seedPortal(
  workspaceId: string,
  options: {
    slug: string;
    apiIds: string[];
    enabled?: boolean;
    sessionPolicy?: SessionPolicy;
    maxKeys?: number;
    keyTemplate?: KeyTemplate;
    returnUrl?: string;
    displayName?: string;
    embedOrigins?: string[];
  },
): Promise<string> {
  const id = newId("pc");
  const db = await getDb();
  await db.insert(portalConfigs).values({
    id,
    workspaceId,
    slug: options.slug,
    displayName: options.displayName ?? "Acme Developer Portal",
    primaryColor: "#3355ff",
    returnUrl: options.returnUrl ?? null,
    sessionPolicy: options.sessionPolicy ?? "fixed",
    maxKeys: options.maxKeys ?? 20,
    keyTemplate: options.keyTemplate ?? {},
    enabled: options.enabled ?? true,
    embedOrigins: options.embedOrigins ?? [],
    createdAt: now(),
  });
  if (options.apiIds.length) await db.insert(portalConfigApis).values(options.apiIds.map((apiId) => ({ portalId: id, apiId })));
  return id;
}

/** The code from a createSession URL's `session` parameter. */
export function codeOf(url: string): string {
  const code = new URL(url).searchParams.get("session");
  if (!code) throw new Error(`no session code in ${url}`);
  return code;
}

/** createSession (seed form) + exchangeCode; returns the access token, the sealed cookie and ids. */
export async function openSession(
  base: string,
  rootKey: string,
  body: Record<string, unknown>,
): Promise<{ sessionId: string; token: string; cookie: string; expiresAt: number }> {
  const created = await post(base, "/v2/portal.createSession", body, rootKey);
  if (created.status !== 200) throw new Error(`createSession ${created.status}: ${created.text}`);
  const exchanged = await post(base, "/v2/portal.exchangeCode", { code: codeOf(created.body.data.url) });
  if (exchanged.status !== 200) throw new Error(`exchangeCode ${exchanged.status}: ${exchanged.text}`);
  // The seed form answers sessionId, the SDK form id (docs/api.md); both are the ps_ id.
  return { sessionId: created.body.data.sessionId ?? created.body.data.id, token: exchanged.body.data.accessToken, cookie: cookiePair(exchanged.headers), expiresAt: exchanged.body.data.expiresAt };
}

/** `portal_session=<value>` from a response's Set-Cookie, for a following request's Cookie header. */
export function cookiePair(headers: Headers): string {
  const set = headers.getSetCookie().find((c) => c.startsWith("portal_session="));
  if (!set) throw new Error("no portal_session cookie set");
  return set.split(";")[0] as string;
}
