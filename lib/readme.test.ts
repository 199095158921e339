import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { resetEnvForTests } from "@/lib/env";
import { codeOf } from "@/lib/testing/portal-fixtures";
import { post } from "@/lib/testing/fixtures";
import { readmeBlocks, runnableCode } from "@/lib/testing/readme-blocks";
import { openTestDatabase } from "@/lib/testing/test-db";
import { startTestServer, type TestServer } from "@/lib/testing/test-server";

const run = promisify(execFile);
const ROOT = process.cwd();
const OPERATOR_TOKEN = "readme-test-operator-token-0123456789abcdef";
// Inside the project, so the ts block resolves @unkey/api from node_modules as the reader's app would.
const SCRATCH = path.join(ROOT, "node_modules", ".cache", "keyport-readme");

/**
 * README's quick start and SDK examples, run as written (lib/testing/readme-blocks.ts says how they
 * are marked) against a real server, in order: `keyport demo` through the CLI, a key created in the
 * portal the way the reader creates one, then verifyKey, createSession with curl and the SDK.
 */
describe("README examples run as written", () => {
  const blocks = readmeBlocks(readFileSync(path.join(ROOT, "README.md"), "utf8"));
  let handle: DbHandle;
  let server: TestServer;
  const env: Record<string, string> = {};

  beforeAll(async () => {
    process.env.KEYPORT_OPERATOR_TOKEN = OPERATOR_TOKEN;
    resetEnvForTests();
    handle = await openTestDatabase("pglite");
    server = await startTestServer();
    process.env.PUBLIC_URL = server.url;
    resetEnvForTests();
    Object.assign(env, { KEYPORT_URL: server.url, KEYPORT_OPERATOR_TOKEN: OPERATOR_TOKEN });
    mkdirSync(SCRATCH, { recursive: true });
  });

  afterAll(async () => {
    await server.close();
    await handle.close();
    delete process.env.KEYPORT_OPERATOR_TOKEN;
    delete process.env.PUBLIC_URL;
    resetEnvForTests();
    rmSync(SCRATCH, { recursive: true, force: true });
  });

  /** What the reader does in the browser between the blocks: open the demo link, create a key. */
  async function createKeyInPortal(portalUrl: string): Promise<string> {
    const exchanged = await post(server.url, "/v2/portal.exchangeCode", { code: codeOf(portalUrl) });
    expect(exchanged.status, exchanged.text).toBe(200);
    const created = await post(server.url, "/v2/portal.createKey", { name: "From the README" }, exchanged.body.data.accessToken);
    expect(created.status, created.text).toBe(200);
    return created.body.data.key as string;
  }

  async function runBlock(index: number): Promise<string> {
    const block = blocks[index];
    if (!block) throw new Error(`README has no block ${index}`);
    const code = runnableCode(block, server.url);
    const options = { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 };
    if (block.lang === "sh") return (await run("bash", ["-euo", "pipefail", "-c", code], options)).stdout;
    const file = path.join(SCRATCH, `block-${block.line}.mts`);
    writeFileSync(file, code);
    return (await run(path.join(ROOT, "node_modules", ".bin", "tsx"), [file], options)).stdout;
  }

  it("README marks the quick start, the console link and the SDK example as runnable", () => {
    expect(blocks.map((b) => b.lang)).toEqual(["sh", "sh", "sh", "sh", "ts"]);
  });

  it("every marked block runs, in order, and prints what README says it prints", async () => {
    for (const [index, block] of blocks.entries()) {
      const out = await runBlock(index);
      expect(out, `README line ${block.line}`).toContain(block.expect);
      if (index === 0) {
        // The reader copies the root key demo printed, opens the link and creates a key.
        env.ROOT_KEY = /Root key:\s+(unkey_\S+)/.exec(out)?.[1] ?? "";
        const link = /(http:\/\/\S+\/portal\/pc_\S+\?session=pst_\S+)/.exec(out)?.[1] ?? "";
        expect(env.ROOT_KEY, out).toMatch(/^unkey_/);
        env.KEY = await createKeyInPortal(link);
      }
    }
  }, 180_000);
});
