import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { settings } from "@/db/schema";
import { ensureOperatorToken, isOperatorToken } from "@/lib/bootstrap/operator-token";
import { sha256 } from "@/lib/crypto/secrets";
import { resetEnvForTests } from "@/lib/env";
import { BACKENDS, openTestDatabase } from "@/lib/testing/test-db";

describe.each(BACKENDS)("generated operator token on %s", (backend) => {
  let db: DbHandle;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "keyport-token-"));
    delete process.env.KEYPORT_OPERATOR_TOKEN;
    process.env.KEYPORT_DATA_DIR = dir;
    resetEnvForTests();
    db = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await db.close();
    delete process.env.KEYPORT_DATA_DIR;
    resetEnvForTests();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is created once: kpo_ + ≥24 random bytes, only its hash in the database, the plaintext in a 0600 file", async () => {
    const first = await ensureOperatorToken();
    expect(first.source).toBe("generated");
    expect(first.created).toMatch(/^kpo_[1-9A-HJ-NP-Za-km-z]{40,}$/);
    const file = path.join(dir, "operator-token");
    expect(readFileSync(file, "utf8").trim()).toBe(first.created);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const rows = await db.db.select().from(settings);
    expect(rows.map((r) => r.value)).toContain(sha256(first.created!));
    expect(JSON.stringify(rows)).not.toContain(first.created);

    const second = await ensureOperatorToken();
    expect(second).toEqual({ source: "existing", created: undefined, file });
    expect(readFileSync(file, "utf8").trim()).toBe(first.created);

    expect(await isOperatorToken(first.created!)).toBe(true);
    expect(await isOperatorToken(first.created! + "x")).toBe(false);
    expect(await isOperatorToken("")).toBe(false);
  });

  it("KEYPORT_OPERATOR_TOKEN replaces it (comma-separated, all accepted)", async () => {
    process.env.KEYPORT_OPERATOR_TOKEN = "kpo_new_one_0123456789abcdefghijkl,kpo_old_one_0123456789abcdefghijkl";
    resetEnvForTests();
    try {
      expect(await ensureOperatorToken()).toEqual({ source: "env" });
      expect(await isOperatorToken("kpo_new_one_0123456789abcdefghijkl")).toBe(true);
      expect(await isOperatorToken("kpo_old_one_0123456789abcdefghijkl")).toBe(true);
      expect(await isOperatorToken(readFileSync(path.join(dir, "operator-token"), "utf8").trim())).toBe(false);
    } finally {
      delete process.env.KEYPORT_OPERATOR_TOKEN;
      resetEnvForTests();
    }
  });
});
