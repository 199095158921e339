import { afterAll, beforeAll } from "vitest";
import type { DbHandle } from "@/db/client";
import { resetEnvForTests } from "@/lib/env";
import { type Backend, openTestDatabase } from "@/lib/testing/test-db";
import { startTestServer, type TestServer } from "@/lib/testing/test-server";
import { flushVerificationEvents } from "@/lib/verification/record-event";

/** A fresh database of `backend` and the real route handlers over HTTP, as one test file uses them. */
export type TestApp = { db: DbHandle; server: TestServer; url: string };

export type OpenTestApp = TestApp & {
  /** Flushes buffered verification events, then closes the server and the database. */
  close: (options?: { ignoreFlushErrors?: boolean }) => Promise<void>;
};

export async function openTestApp(backend: Backend): Promise<OpenTestApp> {
  const db = await openTestDatabase(backend);
  const server = await startTestServer();
  return {
    db,
    server,
    url: server.url,
    close: async ({ ignoreFlushErrors = false } = {}) => {
      // Buffered verification events belong to this database: write them before it closes.
      const flushed = flushVerificationEvents();
      await (ignoreFlushErrors ? flushed.catch(() => {}) : flushed);
      await server.close();
      await db.close();
    },
  };
}

/**
 * Registers the set-up every API test file shares: beforeAll sets `env` (if any) and opens the
 * app, afterAll closes it and removes `env` again. The returned object's fields are filled in
 * beforeAll, so read them inside hooks and tests, not at describe time. Vitest runs afterAll hooks
 * in reverse order, so a file's own afterAll registered after this one runs before the close.
 */
export function useTestApp(backend: Backend, { env = {} }: { env?: Record<string, string> } = {}): TestApp {
  const app = {} as TestApp;
  let opened: OpenTestApp | undefined;
  beforeAll(async () => {
    if (Object.keys(env).length) {
      Object.assign(process.env, env);
      resetEnvForTests();
    }
    opened = await openTestApp(backend);
    Object.assign(app, { db: opened.db, server: opened.server, url: opened.url });
  });
  afterAll(async () => {
    await opened?.close();
    if (Object.keys(env).length) {
      for (const k of Object.keys(env)) delete process.env[k];
      resetEnvForTests();
    }
  });
  return app;
}
