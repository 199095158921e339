import "server-only";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * The edits bin/patch-postgres.mjs makes to postgres.js at install time (each guards a crash on a
 * database hiccup; the script says which). An install that skipped scripts (`npm ci
 * --ignore-scripts`) ships the driver without them, and nothing else would notice until the first
 * outage ended the process — so opening Postgres checks first and refuses with the fix.
 */
export const DRIVER_GUARDS = ["/* keyport: null-socket guard */", "/* keyport: types-fetch guard */"] as const;

const CONNECTION_FILES = ["src/connection.js", "cjs/src/connection.js"];

/** The postgres.js folder Node resolves from the project (at run time, not by a bundler). */
function driverDir(): string {
  const entry = createRequire(path.join(/*turbopackIgnore: true*/ process.cwd(), "package.json")).resolve("postgres");
  return path.resolve(path.dirname(entry), "..", ".."); // …/postgres/cjs/src/index.js → …/postgres
}

/** Throws, naming the command that fixes it, when a connection file lacks any guard. */
export function assertDriverGuarded(dir: string = driverDir()): void {
  for (const file of CONNECTION_FILES) {
    const full = path.join(/*turbopackIgnore: true*/ dir, file);
    const source = readFileSync(full, "utf8");
    const missing = DRIVER_GUARDS.filter((mark) => !source.includes(mark));
    if (missing.length > 0) {
      throw new Error(
        `postgres.js at ${full} is missing Keyport's crash guards (the install skipped its postinstall script). Run \`node bin/patch-postgres.mjs\` (or \`npm ci\` without --ignore-scripts) and start again.`,
      );
    }
  }
}
