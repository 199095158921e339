// Builds the committed app (git HEAD) in a private folder, so the bench neither sees other people's
// half-finished edits nor shares .next with their builds and Playwright runs. Cached by the content
// of the build inputs: a second run on the same sources starts at once.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";

const INPUTS = ["app", "lib", "db", "public", "next.config.ts", "instrumentation.ts", "package.json", "package-lock.json", "tsconfig.json", "bin"];
const BUILD_ROOT = "/tmp/keyport-bench-build";

/** Returns the folder to run `bin/server.mjs` from (its cwd), building it first when needed. */
export function ensureBuild(repo, log) {
  const tree = execFileSync("git", ["ls-tree", "-r", "HEAD", "--", ...INPUTS], { cwd: repo, encoding: "utf8" })
    .split("\n")
    .filter((l) => l && !/\.test\.tsx?$/.test(l))
    .join("\n");
  const id = createHash("sha1").update(tree).digest("hex").slice(0, 12);
  const dir = path.join(BUILD_ROOT, id);
  if (existsSync(path.join(dir, ".next/BUILD_ID"))) {
    log(`build ${id} (cached, git HEAD)`);
    return dir;
  }
  log(`building git HEAD in ${dir} (next build, under /tmp/keyport-build.lock)…`);
  mkdirSync(BUILD_ROOT, { recursive: true });
  for (const old of readdirSync(BUILD_ROOT)) rmSync(path.join(BUILD_ROOT, old), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync("sh", ["-c", `git archive HEAD | tar -x -C '${dir}'`], { cwd: repo });
  // Hard links: Turbopack refuses a node_modules symlink that points outside the project root.
  execFileSync("cp", ["-al", path.join(repo, "node_modules"), path.join(dir, "node_modules")]);
  const t0 = Date.now();
  const r = spawnSync("flock", ["/tmp/keyport-build.lock", "timeout", "480", "npx", "next", "build"], {
    cwd: dir,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0 || !existsSync(path.join(dir, ".next/BUILD_ID"))) throw new Error("next build failed (see above)");
  log(`built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return dir;
}
