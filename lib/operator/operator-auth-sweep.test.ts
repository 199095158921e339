import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RouteDoc } from "@/lib/api/route";
import { advanceToNextWindow, now } from "@/lib/clock";
import { signInWithCode } from "@/lib/console/sign-in";
import { ROUTES } from "@/lib/http/route-table";
import { expectError, type Res } from "@/lib/testing/harness";
import { useTestApp } from "@/lib/testing/test-app";
import { BACKENDS } from "@/lib/testing/test-db";

const TOKEN = "kpo_operator_sweep_token_0123456789abcdefgh";
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

/** Every handler in the route table whose authenticator is the operator token's, found from the table itself. */
const OPERATOR_ROUTES = Object.entries(ROUTES).flatMap(([path, mod]) =>
  Object.entries(mod)
    .filter(([method, handler]) => METHODS.includes(method) && (handler as { doc?: RouteDoc }).doc?.scheme === "operatorToken")
    .map(([method]) => ({ path, method })),
);

type Fixture = { workspaceId: string; apiId: string; slug: string };
type Op = (path: string, body: unknown) => Promise<Res>;

/**
 * A body each operator route would act on with the right token (the control below proves it), so a
 * refused call that slipped through would change something. Routes that delete or revoke get a target
 * of their own. A route added to the table without an entry here fails the sweep until it gets one.
 */
let unique = 0;
const BODIES: Record<string, (f: Fixture, op: Op) => Promise<unknown>> = {
  "/operator/v1/apis.create": async (f) => ({ workspaceId: f.workspaceId, name: "sweep api" }),
  "/operator/v1/audit.list": async (f) => ({ workspaceId: f.workspaceId }),
  "/operator/v1/console.createLink": async (f) => ({ workspaceId: f.workspaceId }),
  "/operator/v1/console.revokeSessions": async (f, op) => {
    // A live console session of the workspace, so a refused call that slipped through would end it.
    const link = await op("/operator/v1/console.createLink", { workspaceId: f.workspaceId });
    expect(link.status, link.text).toBe(200);
    const signedIn = await signInWithCode(await getDb(), new URL(link.body.data.url).searchParams.get("code") ?? "");
    if (!signedIn.ok) throw new Error(`sign-in: ${signedIn.reason}`);
    return { workspaceId: f.workspaceId, sessionId: signedIn.session.sessionId };
  },
  "/operator/v1/demo": async () => ({}),
  "/operator/v1/portals.create": async (f) => ({ workspaceId: f.workspaceId, slug: `sweep-new-${++unique}`, apiIds: [f.apiId] }),
  "/operator/v1/portals.delete": async (f, op) => {
    const slug = `sweep-doomed-${++unique}`;
    expect((await op("/operator/v1/portals.create", { workspaceId: f.workspaceId, slug, apiIds: [f.apiId] })).status).toBe(200);
    return { workspaceId: f.workspaceId, portal: slug };
  },
  "/operator/v1/portals.disable": async (f) => ({ workspaceId: f.workspaceId, portal: f.slug }),
  "/operator/v1/portals.enable": async (f) => ({ workspaceId: f.workspaceId, portal: f.slug }),
  "/operator/v1/portals.get": async (f) => ({ workspaceId: f.workspaceId, portal: f.slug }),
  "/operator/v1/portals.list": async (f) => ({ workspaceId: f.workspaceId }),
  "/operator/v1/portals.update": async (f) => ({ workspaceId: f.workspaceId, portal: f.slug, displayName: `renamed ${++unique}` }),
  "/operator/v1/rootKeys.create": async (f) => ({ workspaceId: f.workspaceId, permissions: ["api.*.read_api"] }),
  "/operator/v1/rootKeys.list": async (f) => ({ workspaceId: f.workspaceId }),
  "/operator/v1/rootKeys.revoke": async (f, op) => {
    const created = await op("/operator/v1/rootKeys.create", { workspaceId: f.workspaceId, permissions: ["api.*.read_api"] });
    expect(created.status, created.text).toBe(200);
    return { keyId: created.body.data.keyId };
  },
  "/operator/v1/workspaces.create": async () => ({ name: `Sweep ${++unique}` }),
  "/operator/v1/workspaces.list": async () => ({}),
};

/**
 * Operator auth over every operator route (lib/operator/operator-auth.ts, docs/api.md "Operator API"):
 * no token → 401 missing, another header shape → 401 malformed, a wrong token or a workspace's root key →
 * 401 operator_token_invalid; and a refused call changes no row of any table (only the failure counter
 * of the wrong-token throttle, which counts exactly the two wrong tokens).
 */
describe.each(BACKENDS)("operator auth over every operator route on %s", (backend) => {
  const app = useTestApp(backend, { env: { KEYPORT_OPERATOR_TOKEN: TOKEN } });
  let fixture: Fixture;
  let rootKey: string;

  async function send(method: string, path: string, body: unknown, authorization?: string): Promise<Res> {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { "Content-Type": "application/json", ...(authorization === undefined ? {} : { Authorization: authorization }) },
      body: method === "GET" || method === "HEAD" ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined, text };
  }
  const op: Op = (path, body) => send("POST", path, body, `Bearer ${TOKEN}`);

  async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
    const res = (await app.db.db.execute(query)) as unknown;
    return (Array.isArray(res) ? res : (res as { rows: T[] }).rows) as T[];
  }

  /** A digest of every row of every table but the throttle's failure counter, per table. */
  async function snapshot(): Promise<Record<string, string>> {
    const tables = await rows<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'portal_exchange_failures' order by table_name`,
    );
    const out: Record<string, string> = {};
    for (const { table_name } of tables) {
      const [row] = await rows<{ n: unknown; digest: string | null }>(sql.raw(`select count(*) as n, md5(string_agg(t::text, '|' order by t::text)) as digest from "${table_name}" t`));
      out[table_name] = `${Number(row?.n)}:${row?.digest ?? ""}`;
    }
    return out;
  }

  /**
   * Wrong-token failures counted in the current minute window. Only this window: the clock moves a
   * window per route, and a failing call now and then prunes windows over ten minutes old.
   */
  async function operatorFailures(): Promise<number> {
    const window = Math.floor(now() / 60_000) * 60_000;
    const [row] = await rows<{ n: unknown }>(
      sql`select coalesce(sum(failures), 0) as n from portal_exchange_failures where address like 'operator:%' and window_start = ${window}`,
    );
    return Number(row?.n);
  }

  beforeAll(async () => {
    const ws = await op("/operator/v1/workspaces.create", { name: "Sweep" });
    expect(ws.status, ws.text).toBe(200);
    rootKey = ws.body.data.rootKey;
    const workspaceId = ws.body.data.workspaceId as string;
    const api = await op("/operator/v1/apis.create", { workspaceId, name: "sweep" });
    const portal = await op("/operator/v1/portals.create", { workspaceId, slug: "sweep-portal", apiIds: [api.body.data.apiId] });
    expect(portal.status, portal.text).toBe(200);
    fixture = { workspaceId, apiId: api.body.data.apiId, slug: "sweep-portal" };
  });
  // Wrong tokens are throttled per address and minute: each route starts in a fresh window.
  beforeEach(() => advanceToNextWindow(60_000));

  it("the route table has operator routes, and exactly the /operator/ ones use the operator token", () => {
    expect(OPERATOR_ROUTES.length).toBeGreaterThan(0);
    expect([...new Set(OPERATOR_ROUTES.map((r) => r.path))].sort()).toEqual(Object.keys(ROUTES).filter((p) => p.startsWith("/operator/")).sort());
  });

  it.each(OPERATOR_ROUTES)("$method $path: 401 without the operator token, nothing changes; 200 with it", async ({ path, method }) => {
    const make = BODIES[path];
    expect(make, `no body for ${path} in this sweep`).toBeDefined();
    const body = await make?.(fixture, op);

    const before = await snapshot();
    const failures = await operatorFailures();
    expectError(await send(method, path, body), 401, "unkey/authentication/missing");
    expectError(await send(method, path, body, `Token ${TOKEN}`), 401, "unkey/authentication/malformed");
    expectError(await send(method, path, body, `Bearer ${TOKEN}x`), 401, "keyport/authentication/operator_token_invalid");
    expectError(await send(method, path, body, `Bearer ${rootKey}`), 401, "keyport/authentication/operator_token_invalid");
    expect(await snapshot()).toEqual(before);
    expect(await operatorFailures()).toBe(failures + 2);

    // Control: the same body with the right token is acted on, so the refusals above were the auth's.
    const ok = await send(method, path, body, `Bearer ${TOKEN}`);
    expect(ok.status, ok.text).toBe(200);
  });
});
