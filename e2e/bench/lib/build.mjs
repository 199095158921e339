// @ts-check
// Builds the committed app (git HEAD) in a private folder, so the bench neither sees other people's
// half-finished edits nor shares .next with their builds and Playwright runs. Cached by the content
// of the build inputs: a second run on the same sources starts at once.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";

// Everything in HEAD is a build input except these: a list of what is NOT an input cannot miss a new
// source folder (a stale cache would silently bench old code); a needless rebuild only costs minutes.
const NOT_INPUTS = [/^e2e\//, /^\.ci\//, /^\.github\//, /\.md$/, /\.test\.tsx?$/, /^(playwright|vitest)\.config\.ts$/, /^eslint\.config\.mjs$/];
// `npm run build` writes both (next build, then bin/build-backend.mjs); bin/server.mjs needs both.
const OUTPUTS = [".next/BUILD_ID", ".next/backend-plane/index.mjs"];
const BUILD_ROOT = "/tmp/keyport-bench-build";

const built = (/** @type {string} */ dir) => OUTPUTS.every((f) => existsSync(path.join(dir, f)));

/**
 * Returns the folder to run `bin/server.mjs` from (its cwd), building it first when needed.
 * @param {string} repo
 * @param {(message: string) => void} log
 */
export function ensureBuild(repo, log) {
  const tree = execFileSync("git", ["ls-tree", "-r", "HEAD"], { cwd: repo, encoding: "utf8" })
    .split("\n")
    .filter((l) => l && !NOT_INPUTS.some((re) => re.test(l.slice(l.indexOf("\t") + 1))))
    .join("\n");
  const id = createHash("sha1").update(tree).digest("hex").slice(0, 12);
  const dir = path.join(BUILD_ROOT, id);
  if (built(dir)) {
    log(`build ${id} (cached, git HEAD)`);
    return dir;
  }
  log(`building git HEAD in ${dir} (npm run build, under /tmp/keyport-build.lock)…`);
  mkdirSync(BUILD_ROOT, { recursive: true });
  for (const old of readdirSync(BUILD_ROOT)) rmSync(path.join(BUILD_ROOT, old), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync("sh", ["-c", `git archive HEAD | tar -x -C '${dir}'`], { cwd: repo });
  // Hard links: Turbopack refuses a node_modules symlink that points outside the project root.
  execFileSync("cp", ["-al", path.join(repo, "node_modules"), path.join(dir, "node_modules")]);
  const t0 = Date.now();
  // timeout signals its whole process group, so next build and esbuild under npm stop too.
  const r = spawnSync("flock", ["/tmp/keyport-build.lock", "timeout", "480", "npm", "run", "build"], {
    cwd: dir,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const missing = OUTPUTS.filter((f) => !existsSync(path.join(dir, f)));
  if (r.status !== 0 || missing.length) {
    // A half build must not pass for a cached one next time.
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`npm run build failed (exit ${r.status ?? r.signal}${missing.length ? `; missing ${missing.join(", ")}` : ""}; see above)`);
  }
  log(`built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return dir;
}
