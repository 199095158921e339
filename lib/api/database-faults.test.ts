import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDatabase, setDbHandle } from "@/db/client";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { startTcpProxy, type TcpProxy } from "@/lib/testing/tcp-proxy";
import { startTestServer, type TestServer } from "@/lib/testing/test-server";

const url = process.env.DATABASE_URL;

/**
 * Database faults, for real: Keyport talks to Postgres through a TCP proxy that the test cuts
 * (connections reset, new ones refused) and restores. Postgres only — PGlite has no network.
 */
describe.skipIf(!url)("database faults on postgres", () => {
  let proxy: TcpProxy;
  let handle: DbHandle;
  let server: TestServer;
  let admin: postgres.Sql;
  const name = `keyport_t_faults_${process.pid}`;
  let rootKey: string;
  let apiId: string;

  beforeAll(async () => {
    const base = new URL(url ?? "");
    admin = postgres(url ?? "", { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    proxy = await startTcpProxy(base.hostname, Number(base.port || 5432));
    const viaProxy = new URL(url ?? "");
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    viaProxy.pathname = `/${name}`;
    handle = await openDatabase({ url: viaProxy.toString(), poolSize: 4 });
    setDbHandle(handle);
    server = await startTestServer();
    ({ rootKey } = await seedWorkspace());
    apiId = (await post(server.url, "/v2/apis.createApi", { name: "faulty" }, rootKey)).body.data.apiId;
  });

  afterAll(async () => {
    await server.close();
    await handle.close().catch(() => {});
    await proxy.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });

  it("answers 503 service_unavailable within 2 s while the database is down, then recovers without a restart", async () => {
    expect((await post(server.url, "/v2/apis.getApi", { apiId }, rootKey)).status).toBe(200);
    await proxy.cut();

    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 5 }, () => post(server.url, "/v2/apis.getApi", { apiId }, rootKey)));
    const elapsed = performance.now() - started;
    for (const res of results) {
      expect(res.status).toBe(503);
      expect(res.body.error.type).toMatch(/\/docs\/errors\/unkey\/application\/service_unavailable$/);
      expect(res.text).not.toMatch(/select|ECONN|postgres|at .*\.ts/i);
    }
    expect(elapsed).toBeLessThan(2000);

    await proxy.restore();
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await post(server.url, "/v2/apis.getApi", { apiId }, rootKey)).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
  });
});
