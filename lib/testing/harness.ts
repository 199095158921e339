import { resetClock } from "@/lib/clock";
import { openSession, seedPortal } from "@/lib/testing/portal-fixtures";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { type Backend } from "@/lib/testing/test-db";
import { openTestApp, type TestApp } from "@/lib/testing/test-app";

/**
 * Shared set-up of the attack suite: a fresh database and a real HTTP server per backend, one
 * workspace with an API (made through /v2), a portal over it, and helpers that assert the exact
 * error envelope. Everything an attack changes is re-read through the API or the database.
 */
export { expectError, TYPE } from "@/lib/testing/expect-error";

export const ORIGIN = "http://localhost:3000";
export const HOUR = 3_600_000;
export const ALL_PORTAL_PERMISSIONS = ["read_key", "create_key", "reroll_key", "update_key", "delete_key", "read_analytics"].map((a) => `api.*.${a}`);

export type Res = Awaited<ReturnType<typeof post>>;

export type Tenant = { workspaceId: string; rootKey: string; apiId: string; portalId: string; slug: string };

export async function seedTenant(base: string, name: string, slug = "my-portal", options: Partial<Parameters<typeof seedPortal>[1]> = {}): Promise<Tenant> {
  const { workspaceId, rootKey } = await seedWorkspace(name);
  const api = await post(base, "/v2/apis.createApi", { name: `${name} api` }, rootKey);
  if (api.status !== 200) throw new Error(`createApi ${api.status}: ${api.text}`);
  const apiId = api.body.data.apiId as string;
  const portalId = await seedPortal(workspaceId, { slug, apiIds: [apiId], ...options });
  return { workspaceId, rootKey, apiId, portalId, slug };
}

export type Harness = TestApp & {
  /** root-key POST */
  rk: (t: Tenant, path: string, body: unknown) => Promise<Res>;
  /** createKey for an end user, returns {keyId, key} */
  keyFor: (t: Tenant, externalId: string, name?: string) => Promise<{ keyId: string; key: string }>;
  session: (t: Tenant, externalId: string, permissions?: string[], slug?: string) => ReturnType<typeof openSession>;
  verify: (t: Tenant, key: string) => Promise<{ valid: boolean; code: string }>;
  close: () => Promise<void>;
};

export async function openHarness(backend: Backend): Promise<Harness> {
  const app = await openTestApp(backend);
  const { db, server, url } = app;
  const rk = (t: Tenant, path: string, body: unknown) => post(url, `/v2/${path}`, body, t.rootKey);
  return {
    db,
    server,
    url,
    rk,
    keyFor: async (t, externalId, name = "prod") => {
      const res = await rk(t, "keys.createKey", { apiId: t.apiId, externalId, name });
      if (res.status !== 200) throw new Error(`createKey ${res.status}: ${res.text}`);
      return res.body.data;
    },
    session: (t, externalId, permissions = ALL_PORTAL_PERMISSIONS, slug = t.slug) => openSession(url, t.rootKey, { slug, externalId, permissions }),
    verify: async (t, key) => (await rk(t, "keys.verifyKey", { key })).body.data,
    close: async () => {
      await app.close({ ignoreFlushErrors: true });
      resetClock();
    },
  };
}
