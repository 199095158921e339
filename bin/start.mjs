#!/usr/bin/env node
// npm start: build when there is no build or the sources are newer than it, then serve (SPEC §5).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "lib", "db", "public", "next.config.ts", "package.json", "package-lock.json", "tsconfig.json"];

/** Newest modification time under the given paths (tests and e2e specs do not affect the build). */
function newest(paths) {
  let max = 0;
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
  console.log(existsSync(buildId) ? "keyport: sources changed since the last build; building…" : "keyport: no build yet; building…");
  // Both planes: Next.js's build, then the backend plane's bundle (package.json "build").
  const r = spawnSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
  if (r.status !== 0) {
    console.error("keyport: the build failed (see above)");
    process.exit(r.status ?? 1);
  }
}
await import("./server.mjs");
