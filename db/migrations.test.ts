import { type ChildProcess, execFile, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { lockDataDir } from "@/db/data-dir-lock";
import { migratePostgres } from "@/db/migrate";

/** Migrations match the schema, and the two start-up locks hold (docs/operations.md "Upgrades"). */
const ROOT = process.cwd();
const REAL = path.join(ROOT, "db", "migrations");
const journalLength = () => (JSON.parse(readFileSync(path.join(REAL, "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;
const temps: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(d);
  return d;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("db/migrations", () => {
  it("match db/schema: drizzle-kit generate has nothing to add", async () => {
    const dir = tempDir("keyport-drift-");
    const out = path.join(dir, "migrations");
    cpSync(REAL, out, { recursive: true });
    const config = path.join(dir, "drizzle.config.mjs");
    // drizzle-kit reads `out` as relative to the working directory, even when absolute.
    writeFileSync(config, `export default ${JSON.stringify({ dialect: "postgresql", schema: "./db/schema/index.ts", out: path.relative(ROOT, out) })};\n`);
    const { stdout, stderr } = await promisify(execFile)(path.join(ROOT, "node_modules/.bin/drizzle-kit"), ["generate", "--config", config], { cwd: ROOT, timeout: 60_000 });
    // A drift shows as a new SQL file: name it so the failure says what to do.
    const added = readdirSync(out).filter((f) => !readdirSync(REAL).includes(f));
    expect(added, `db/schema and db/migrations differ; run npx drizzle-kit generate --name <name>.\n${stdout}`).toEqual([]);
    // drizzle-kit exits 0 on errors too: only its own words say the check ran.
    expect(stdout + stderr).toMatch(/No schema changes/);
  }, 90_000);
});

describe.runIf(process.env.DATABASE_URL)("migratePostgres", () => {
  it("two servers starting at once on one fresh Postgres: both start, each migration applied once", async () => {
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const name = `keyport_lock_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await admin.unsafe(`create database "${name}"`);
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${name}`;
    const db = postgres(u.toString(), { max: 1, onnotice: () => {} });
    try {
      await Promise.all([migratePostgres(u.toString()), migratePostgres(u.toString()), migratePostgres(u.toString())]);
      const rows = await db`select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash`;
      expect(rows.length).toBe(journalLength());
      expect(rows.every((r) => r.n === 1)).toBe(true);
    } finally {
      await db.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  }, 60_000);
});

describe("PGlite data folder", () => {
  it("a second process on one folder is refused with a line naming the folder; free again once it exits", async () => {
    const dir = tempDir("keyport-data-");
    const script = path.join(tempDir("keyport-holder-"), "hold.ts");
    writeFileSync(script, `import { lockDataDir } from ${JSON.stringify(path.join(ROOT, "db/data-dir-lock.ts"))};\nlockDataDir(${JSON.stringify(dir)});\nconsole.log("locked");\nsetInterval(() => {}, 1000);\n`);
    // server-only resolves to its empty module under the react-server condition, as in the server bundle.
    const holder: ChildProcess = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.on("data", (b: Buffer) => b.toString().includes("locked") && resolve());
        holder.on("exit", (code) => reject(new Error(`lock holder exited (${code})`)));
      });
      const refusal = `The data folder ${path.resolve(dir)} is in use by another Keyport server (pid ${holder.pid})`;
      expect(() => lockDataDir(dir)).toThrow(refusal);
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(refusal);
    } finally {
      holder.kill();
    }
    await new Promise((r) => (holder.exitCode !== null || holder.signalCode !== null ? r(null) : holder.once("exit", r)));
    // The holder is gone (a crash leaves the same stale file): the next server takes the folder.
    const release = lockDataDir(dir);
    expect(readFileSync(path.join(dir, "server.lock"), "utf8")).toBe(String(process.pid));
    release();
  }, 60_000);
});
