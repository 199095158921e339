#!/usr/bin/env node
// @ts-check
// npm test: typecheck, lint, unit + integration (vitest: PGlite, and Postgres), then a production build
// of both planes and the Playwright flows in Debian's Chromium. Like .ci/run, it finds the local
// Postgres (starting it when it is installed but down), so a developer's green means what CI's does;
// when there is none, it says loudly that the Postgres half is left out.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { freePort } from "./free-port.mjs";
import { tmpdir } from "node:os";
import path from "node:path";

const LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/test";

function postgresUp() {
  return spawnSync("pg_isready", ["-q", "-h", "127.0.0.1", "-p", "5432"]).status === 0;
}

/** DATABASE_URL as given, else the local server (started if installed and down), else undefined. */
function findPostgres() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  if (!postgresUp() && existsSync("/etc/postgresql")) {
    const [version] = readdirSync("/etc/postgresql");
    if (version) {
      console.log(`▶ starting the local PostgreSQL ${version}`);
      spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"], { stdio: "inherit" });
      for (let i = 0; i < 30 && !postgresUp(); i++) spawnSync("sleep", ["1"]);
    }
  }
  return postgresUp() ? LOCAL_POSTGRES : undefined;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Chromium for Playwright: there, or installed from Debian when we may (root), else stop now with the command. */
function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("▶ installing Chromium from Debian (apt-get install chromium)");
    const ok = spawnSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null"], { stdio: "inherit" }).status === 0;
    if (ok && existsSync(CHROMIUM)) return;
  }
  console.error(`✗ Chromium is missing at ${CHROMIUM}. Install it with:  sudo apt-get install -y chromium   (or set CHROMIUM_PATH)`);
  process.exit(1);
}

const only = process.argv[2];
if (!only || only.startsWith("end")) ensureChromium();
process.env.E2E_PORT ??= String(await freePort());
const e2eData = mkdtempSync(path.join(tmpdir(), "keyport-e2e-"));
process.env.E2E_DATA_DIR = e2eData;
process.on("exit", () => rmSync(e2eData, { recursive: true, force: true }));

const databaseUrl = findPostgres();
if (databaseUrl) {
  process.env.DATABASE_URL = databaseUrl;
  console.log(`Postgres: ${new URL(databaseUrl).host} — integration suites run on PGlite and on Postgres`);
} else {
  console.log("\n⚠ NO POSTGRES: nothing answers on 127.0.0.1:5432 and DATABASE_URL is unset.");
  console.log("⚠ The Postgres half of every integration suite (and its race tests) is LEFT OUT; only PGlite runs.\n");
}

/**
 * The production server's flows again on a fresh Postgres database (the first pass is on PGlite).
 * @param {string} databaseUrl
 * @returns {{ status: number | null }}
 */
function e2eOnPostgres(databaseUrl) {
  const name = `keyport_e2e_${process.pid}`;
  const server = new URL(databaseUrl);
  const adminArgs = ["-q", "-h", server.hostname, "-p", server.port || "5432", "-U", server.username || "postgres", "-d", server.pathname.slice(1) || "postgres"];
  const admin = (/** @type {string} */ sqlText) => spawnSync("psql", [...adminArgs, "-c", sqlText], { stdio: "inherit" });
  if (admin(`create database ${name}`).status !== 0) return { status: 1 };
  try {
    const e2eUrl = new URL(databaseUrl);
    e2eUrl.pathname = `/${name}`;
    return spawnSync("npx", ["playwright", "test"], { stdio: "inherit", env: { ...process.env, E2E_DATABASE_URL: e2eUrl.toString() } });
  } finally {
    admin(`drop database if exists ${name} with (force)`);
  }
}

/** @typedef {[name: string, run: () => { status: number | null }]} Step */
/** @type {Step[]} */
const steps = [
  ["typecheck", () => spawnSync("npx", ["tsc", "--noEmit"], { stdio: "inherit" })],
  ["lint", () => spawnSync("npx", ["eslint", "."], { stdio: "inherit" })],
  ["unit + integration", () => spawnSync("npx", ["vitest", "run"], { stdio: "inherit" })],
  ["build", () => spawnSync("npm", ["run", "--silent", "build"], { stdio: "inherit" })],
  ["end-to-end (PGlite)", () => spawnSync("npx", ["playwright", "test"], { stdio: "inherit" })],
  ...(databaseUrl ? [/** @satisfies {Step} */ (["end-to-end (Postgres)", () => e2eOnPostgres(databaseUrl)])] : []),
];

for (const [name, run] of steps) {
  if (only && !name.startsWith(only)) continue;
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const r = run();
  if (r.status !== 0) {
    console.error(`✗ ${name} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
  console.log(`✓ ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
if (!databaseUrl) console.log("\n⚠ Reminder: the Postgres half of the integration suites was left out (no Postgres found).");
