import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { startTcpProxy } from "@/lib/testing/tcp-proxy";

const url = process.env.DATABASE_URL;

/**
 * postgres.js fetches the array types as the first query on every new connection, without awaiting
 * it. A connection that drops right then used to reject that promise unhandled, which ends a Node
 * process (bin/patch-postgres.mjs, guard 2). Caught intermittently by database-cut.test.ts in CI;
 * here the proxy drops the connection exactly when the types query goes out.
 */
describe.skipIf(!url)("a connection dropped during the driver's type fetch (postgres)", () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  afterAll(() => {
    process.off("unhandledRejection", onUnhandled);
  });

  it("fails the caller's query with a connection error and leaves no unhandled rejection", async () => {
    const target = new URL(url ?? "");
    let typeFetches = 0;
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432), {
      cutWhen: (chunk) => {
        if (!chunk.includes("typcategory")) return false;
        typeFetches += 1;
        return true;
      },
    });
    const viaProxy = new URL(url ?? "");
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    const sql = postgres(viaProxy.toString(), { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await expect(sql`select 1 as one`).rejects.toMatchObject({ code: expect.stringMatching(/^(ECONNRESET|ECONNREFUSED|CONNECTION_CLOSED|CONNECTION_ENDED)$/) });
      expect(typeFetches, "the proxy saw the driver's types query").toBe(1);
      await new Promise((r) => setTimeout(r, 300)); // let any stray rejection surface
      expect(unhandled).toEqual([]);
    } finally {
      await sql.end({ timeout: 1 }).catch(() => {});
      await proxy.close();
    }
  });
});
