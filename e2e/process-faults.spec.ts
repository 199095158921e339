/**
 * Process-level faults and the headers only the real server sends: each test spawns
 * `node bin/server.mjs` (the production build) on its own port and its own fresh Postgres database,
 * seeds through the operator API and /v2, and then hurts the process: SIGTERM mid-request,
 * `kill -9` mid-exchange, a bad SESSION_SECRET. No browser page is used.
 */
import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { freePort, freshDatabase, OPERATOR_TOKEN as OPERATOR, ready, startServer, stop } from "./fixtures/server-process";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field

async function call(base: string, path: string, body: unknown, token?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Json; headers: Headers; text: string }> {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let json: Json = {};
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: json, headers: res.headers, text };
}

/** A workspace, an API, a portal; returns what the tests need. */
async function seed(base: string, portal: Record<string, unknown> = {}) {
  const op = async (name: string, body: unknown) => {
    const res = await call(base, `/operator/v1/${name}`, body, OPERATOR);
    if (res.status !== 200) throw new Error(`${name} ${res.status}: ${res.text}`);
    return res.body.data;
  };
  const ws = await op("workspaces.create", { name: "Faults" });
  const api = await op("apis.create", { workspaceId: ws.workspaceId, name: "production", prefix: "flt" });
  const pc = await op("portals.create", { workspaceId: ws.workspaceId, slug: "faults", apiIds: [api.apiId], displayName: "Faults", ...portal });
  return { rootKey: ws.rootKey as string, apiId: api.apiId as string, portalId: pc.portalId as string, workspaceId: ws.workspaceId as string };
}

/** A POST whose body is sent in two halves, `gap` apart: the request is in flight meanwhile. */
function slowPost(port: number, path: string, body: string, token: string, firstHalfSent: () => void, gap: Promise<void>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port, path, method: "POST", headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), Authorization: `Bearer ${token}` } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half), () => firstHalfSent());
    void gap.then(() => req.end(body.slice(half)));
  });
}

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

test.describe("process faults and server headers", () => {
  test("SIGTERM finishes in-flight requests and flushes buffered verification events", async () => {
    const db = await freshDatabase();
    const server = await startServer(db.url);
    try {
      await ready(server);
      const t = await seed(server.base);
      const created = await call(server.base, "/v2/keys.createKey", { apiId: t.apiId, name: "busy" }, t.rootKey);
      expect(created.status).toBe(200);
      const { key, keyId } = created.body.data;

      const N = 20;
      let sent = 0;
      let allSent: () => void = () => {};
      const allHalvesSent = new Promise<void>((r) => (allSent = r));
      let release: () => void = () => {};
      const gap = new Promise<void>((r) => (release = r));
      const inFlight = Array.from({ length: N }, () =>
        slowPost(server.port, "/v2/keys.verifyKey", JSON.stringify({ key }), t.rootKey, () => ++sent === N && allSent(), gap),
      );
      await allHalvesSent;
      await new Promise((r) => setTimeout(r, 200)); // the server has the headers of all N
      server.proc.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 500)); // shutdown has begun while the bodies are still arriving
      release();
      const results = await Promise.all(inFlight);
      for (const r of results) {
        expect(r.status, r.text).toBe(200);
        expect(JSON.parse(r.text).data.valid).toBe(true);
      }
      expect(await server.exited).toBe(0);
      expect(server.output()).toMatch(/SIGTERM received/);
      // Every verification was written by the shutdown flush.
      const [row] = await db.sql`select count(*)::int as n from verification_events where key_id = ${keyId}`;
      expect(row?.n).toBe(N);
      // New connections are refused after shutdown.
      await expect(fetch(`${server.base}/v2/liveness`)).rejects.toThrow();
    } finally {
      await stop(server);
      await db.drop();
    }
  });

  test("kill -9 during an exchange leaves the code either redeemed or still redeemable", async () => {
    const db = await freshDatabase();
    let server = await startServer(db.url);
    let t: Awaited<ReturnType<typeof seed>>;
    let release: () => void = () => {};
    /** SIGKILLs the server, proves it died of that signal, and starts a new one on the same port. */
    const killAndRestart = async () => {
      server.proc.kill("SIGKILL");
      expect(await server.exited, "exit code of a process ended by a signal").toBeNull();
      expect(server.proc.signalCode).toBe("SIGKILL");
      server = await startServer(db.url, {}, server.port);
      await ready(server);
    };
    const mint = async (externalId: string) => {
      const created = await call(server.base, "/v2/portal.createSession", { slug: "faults", externalId, permissions: ["api.*.read_key"] }, t.rootKey);
      expect(created.status, created.text).toBe(200);
      return { code: new URL(created.body.data.url).searchParams.get("session") ?? "", sessionId: created.body.data.sessionId as string };
    };
    const rowOf = async (sessionId: string) => (await db.sql`select exchanged_at, token_hash from portal_sessions where id = ${sessionId}`)[0];
    try {
      await ready(server);
      t = await seed(server.base);

      // 1. Killed with the redemption's transaction open: this test holds the session row, so the
      //    server's UPDATE waits on it, and the kill lands while Postgres shows it waiting.
      const open = await mint("user_open");
      const held = new Promise<void>((r) => (release = r));
      const holding = db.sql.begin(async (tx) => {
        await tx`select id from portal_sessions where id = ${open.sessionId} for update`;
        await held;
      });
      const attempt = call(server.base, "/v2/portal.exchangeCode", { code: open.code }).then(
        (answer) => answer,
        () => "reset" as const,
      );
      await expect
        .poll(async () => (await db.sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike 'update "portal_sessions"%'`)[0]?.n, {
          message: "the server's redemption is waiting on the held row",
          timeout: 10_000,
        })
        .toBe(1);
      await killAndRestart();
      release();
      await holding;
      // The client lost its connection; nothing was redeemed; the code still works.
      expect(await attempt).toBe("reset");
      expect(await rowOf(open.sessionId)).toEqual({ exchanged_at: null, token_hash: null });
      const redeemed = await call(server.base, "/v2/portal.exchangeCode", { code: open.code });
      expect(redeemed.status, redeemed.text).toBe(200);

      // 2. Killed as soon as the redemption has committed: the code is spent for good, and if the
      //    answer got out before the kill, its token outlives the process.
      const done = await mint("user_done");
      const answered = call(server.base, "/v2/portal.exchangeCode", { code: done.code }).catch(() => undefined);
      await expect.poll(async () => (await rowOf(done.sessionId))?.exchanged_at ?? null, { message: "the redemption committed", timeout: 10_000, intervals: [5] }).not.toBeNull();
      await killAndRestart();
      const spent = await rowOf(done.sessionId);
      expect(spent?.token_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/); // the SHA-256 (base64) of a token that was minted
      const replay = await call(server.base, "/v2/portal.exchangeCode", { code: done.code });
      expect(replay.status, replay.text).toBe(401);
      // Whether the answer beat the kill is the race's; either way it is all or nothing.
      const answer = await answered;
      if (answer) {
        expect(answer.status, answer.text).toBe(200);
        expect(spent?.token_hash).toBe(createHash("sha256").update(answer.body.data.accessToken).digest("base64"));
        expect((await call(server.base, "/v2/portal.getSession", {}, answer.body.data.accessToken)).status).toBe(200);
      }
    } finally {
      release(); // a failure above must not leave the row lock holding db.drop() up
      await stop(server);
      await db.drop();
    }
  });

  test("a SESSION_SECRET under 32 characters stops the server with a message naming it", async () => {
    const db = await freshDatabase();
    const server = await startServer(db.url, { SESSION_SECRET: "too-short" });
    try {
      const code = await Promise.race([server.exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 90_000))]);
      expect(code).not.toBe("timeout");
      expect(code).not.toBe(0);
      expect(server.output()).toMatch(/SESSION_SECRET/);
      await expect(fetch(`${server.base}/v2/liveness`)).rejects.toThrow();
    } finally {
      await stop(server);
      await db.drop();
    }
  });

  test("headers: CSP with frame-ancestors 'none' and nosniff on pages, no credentialed CORS on /v2, 405 for GET, escaped HTML", async () => {
    const db = await freshDatabase();
    const server = await startServer(db.url);
    try {
      await ready(server);
      const t = await seed(server.base, { displayName: `Acme <script>alert("brand")</script>` });

      for (const path of ["/docs/errors", "/", `/portal/${t.portalId}/ended`]) {
        const res = await fetch(`${server.base}${path}`);
        await res.arrayBuffer();
        const csp = res.headers.get("content-security-policy") ?? "";
        expect(csp, path).toMatch(/frame-ancestors 'none'/);
        expect(csp, path).toMatch(/object-src 'none'/);
        expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
        expect(res.headers.get("x-frame-options"), path).toBe("DENY");
        // PUBLIC_URL is http here: no HSTS.
        expect(res.headers.get("strict-transport-security"), path).toBeNull();
      }

      // No credentialed CORS on /v2, including a preflight.
      for (const origin of ["https://evil.example", "null", server.base]) {
        const res = await call(server.base, "/v2/apis.getApi", { apiId: t.apiId }, t.rootKey, { Origin: origin });
        expect(res.status).toBe(200);
        expect(res.headers.get("access-control-allow-origin")).toBeNull();
        expect(res.headers.get("access-control-allow-credentials")).toBeNull();
        expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      }
      const preflight = await fetch(`${server.base}/v2/portal.deleteKey`, {
        method: "OPTIONS",
        headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
      });
      await preflight.arrayBuffer();
      expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
      expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();

      // State never changes by GET.
      const created = await call(server.base, "/v2/keys.createKey", { apiId: t.apiId, externalId: `u<script>alert("ext")</script>`, name: `<script>alert("name")</script>` }, t.rootKey);
      for (const path of [`/v2/keys.deleteKey?keyId=${created.body.data.keyId}`, "/v2/portal.deleteKey", "/v2/portal.logout", "/v2/portal.exchangeCode?code=pst_x"]) {
        const res = await fetch(`${server.base}${path}`, { headers: { Authorization: `Bearer ${t.rootKey}` } });
        await res.arrayBuffer();
        expect(res.status, path).toBe(405);
      }
      expect((await call(server.base, "/v2/keys.verifyKey", { key: created.body.data.key }, t.rootKey)).body.data.valid).toBe(true);

      // The portal renders the hostile name, externalId and display name escaped.
      const session = await call(server.base, "/v2/portal.createSession", { slug: "faults", externalId: `u<script>alert("ext")</script>`, permissions: ["api.*.read_key"] }, t.rootKey);
      const exchanged = await call(server.base, "/v2/portal.exchangeCode", { code: new URL(session.body.data.url).searchParams.get("session") });
      const cookie = exchanged.headers.getSetCookie()[0]?.split(";")[0] ?? "";
      const page = await fetch(`${server.base}/portal/${t.portalId}/keys`, { headers: { Cookie: cookie } });
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(page.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
      expect(page.headers.get("cache-control")).toMatch(/no-store/);
      expect(html).not.toMatch(/<script>alert/);
      expect(html).toMatch(/&lt;script&gt;alert\(&quot;name&quot;\)|&lt;script&gt;alert\("name"\)/);
      // No secret in the HTML: not the access token, not the seal.
      expect(html).not.toContain(exchanged.body.data.accessToken);
      expect(html).not.toContain(cookie.slice("portal_session=".length, "portal_session=".length + 40));
    } finally {
      await stop(server);
      await db.drop();
    }
  });

  test("HSTS and a Secure cookie when PUBLIC_URL is https", async () => {
    const db = await freshDatabase();
    const port = await freePort();
    const server = await startServer(db.url, { PUBLIC_URL: `https://localhost:${port}` }, port);
    try {
      await ready(server);
      const res = await fetch(`${server.base}/docs/errors`);
      await res.arrayBuffer();
      expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
      const t = await seed(server.base);
      const session = await call(server.base, "/v2/portal.createSession", { slug: "faults", externalId: "u", permissions: ["api.*.read_key"] }, t.rootKey);
      expect(session.body.data.url).toMatch(new RegExp(`^https://localhost:${port}/portal/`));
      const exchanged = await call(server.base, "/v2/portal.exchangeCode", { code: new URL(session.body.data.url).searchParams.get("session") });
      expect(exchanged.headers.get("strict-transport-security")).toMatch(/max-age=/);
      expect(exchanged.headers.getSetCookie()[0]).toMatch(/; Secure/);
    } finally {
      await stop(server);
      await db.drop();
    }
  });
});
