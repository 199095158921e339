import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { portalExchangeFailures } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { openTestDatabase } from "@/lib/testing/test-db";
import { startTestServer, type TestServer } from "@/lib/testing/test-server";

/**
 * The backend plane's listener pins the client address to the socket's: a client-sent
 * `x-keyport-socket-address` must not reach a handler. Node builds `req.headers` before any listener
 * runs and the Hono adapter reads that object first, so rewriting rawHeaders alone let a forged
 * address through — every wrong operator token then counted against an address of the caller's
 * choosing. (The production server runs the same listener; e2e/server-edge.spec.ts checks it there.)
 */
describe("client address on the backend plane", () => {
  let handle: DbHandle;
  let server: TestServer;

  beforeAll(async () => {
    process.env.KEYPORT_OPERATOR_TOKEN = "socket-address-test-operator-token-0123456789";
    resetEnvForTests();
    handle = await openTestDatabase("pglite");
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
    await handle.close();
    delete process.env.KEYPORT_OPERATOR_TOKEN;
    resetEnvForTests();
  });

  it("a forged x-keyport-socket-address is replaced by the socket's address", async () => {
    for (const forged of ["203.0.113.7", "203.0.113.8"]) {
      const res = await fetch(`${server.url}/operator/v1/workspaces.list`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: "Bearer wrong-token", "x-keyport-socket-address": forged },
        body: "{}",
      });
      expect(res.status).toBe(401);
    }
    const rows = await handle.db.select({ address: portalExchangeFailures.address, failures: portalExchangeFailures.failures }).from(portalExchangeFailures);
    expect(rows).toEqual([{ address: "operator:127.0.0.1", failures: 2 }]);
  });
});
