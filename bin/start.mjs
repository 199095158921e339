#!/usr/bin/env node
// @ts-check
// npm start: build when there is no build or the sources are newer than it, then serve (docs/operations.md).
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "lib", "db", "public", "next.config.ts", "package.json", "package-lock.json", "tsconfig.json"];

/**
 * Newest modification time under the given paths (tests and e2e specs do not affect the build).
 * @param {string[]} paths
 */
function newest(paths) {
  let max = 0;
  /** @param {string} p */
  const walk = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== "node_modules" && !name.startsWith(".")) walk(path.join(p, name));
    } else if (!/\.test\.tsx?$/.test(p)) {
      max = Math.max(max, st.mtimeMs);
    }
  };
  paths.forEach(walk);
  return max;
}

const buildId = ".next/BUILD_ID";
const backendBundle = ".next/backend-plane/index.mjs";
const stale = !existsSync(buildId) || !existsSync(backendBundle) || newest(SOURCES) > statSync(buildId).mtimeMs;
if (stale) {
  // One progress line while it builds; the build's own output (route table, telemetry notice) goes to
  // a log file, shown only when the build fails.
  const log = path.join(".next", "build.log");
  const why = existsSync(buildId) ? "sources changed since the last build" : "first start";
  process.stdout.write(`keyport: building (${why}; about a minute)… `);
  const started = Date.now();
  mkdirSync(".next", { recursive: true });
  const out = openSync(log, "w");
  // Both planes: Next.js's build, then the backend plane's bundle (package.json "build").
  const r = spawnSync("npm", ["run", "--silent", "build"], { stdio: ["ignore", out, out], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  closeSync(out);
  if (r.status !== 0) {
    process.stdout.write("failed\n");
    process.stderr.write(readFileSync(log, "utf8"));
    console.error(`keyport: the build failed (output above, also in ${log})`);
    process.exit(r.status ?? 1);
  }
  console.log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
}
await import("./server.mjs");
