/**
 * The edge code only the production server runs (bin/server.mjs and the backend plane's listener):
 * the client's address comes from the socket, and a client-sent `x-keyport-socket-address` (or
 * `X-Forwarded-For` without trusted proxies) never changes it. If it did, a client could spoof a new
 * address per request and never reach the failure limits of the code exchange (browser plane) or of
 * the operator token (backend plane). Each test spawns `node bin/server.mjs` on a fresh Postgres
 * database, so the counters it reads are its own.
 */
import { expect, test } from "@playwright/test";
import { freshDatabase, ready, type Server, startServer, stop } from "./fixtures/server-process";

const LIMIT = 3;

async function post(base: string, path: string, body: unknown, headers: Record<string, string>) {
  const res = await fetch(`${base}${path}`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { error?: { type?: string } } };
}

/** A different forged address on every request, in both headers a client could try. */
const forged = (i: number) => ({ "x-keyport-socket-address": `203.0.113.${i + 1}`, "X-Forwarded-For": `198.51.100.${i + 1}` });

test.describe("the production server's own edge code", () => {
  let server: Server;
  let db: Awaited<ReturnType<typeof freshDatabase>>;

  test.beforeAll(async () => {
    db = await freshDatabase("edge");
    server = await startServer(db.url, { KEYPORT_EXCHANGE_FAILURE_LIMIT: String(LIMIT) });
    await ready(server);
  });

  test.afterAll(async () => {
    await stop(server);
    await db.drop();
  });

  test("browser plane: forged address headers do not escape the exchange failure limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) {
      statuses.push((await post(server.base, "/v2/portal.exchangeCode", { code: `pst_forged${i}` }, forged(i))).status);
    }
    // LIMIT failures are 401; the next one, from the same socket address whatever the headers say, is 429.
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429]);
    const rows = await db.sql<{ address: string; failures: number }[]>`select address, failures from portal_exchange_failures`;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.address).toMatch(/^(127\.0\.0\.1|::ffff:127\.0\.0\.1|::1)$/);
    expect(rows[0]?.failures).toBe(LIMIT + 1);
  });

  test("backend plane: forged address headers do not escape the operator-token failure limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) {
      statuses.push((await post(server.base, "/operator/v1/workspaces.list", {}, { Authorization: "Bearer not-the-operator-token", ...forged(i) })).status);
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429]);
    const rows = await db.sql<{ address: string; failures: number }[]>`select address, failures from portal_exchange_failures where address like 'operator:%'`;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.address).toMatch(/^operator:(127\.0\.0\.1|::ffff:127\.0\.0\.1|::1)$/);
    expect(rows[0]?.failures).toBe(LIMIT + 1);
  });
});
