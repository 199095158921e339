#!/usr/bin/env node
// npm test: typecheck, lint, unit + integration (vitest: PGlite, and Postgres when DATABASE_URL is set),
// then a production build and the Playwright flows in Debian's Chromium.
import { spawnSync } from "node:child_process";

const steps = [
  ["typecheck", "npx", ["tsc", "--noEmit"]],
  ["lint", "npx", ["eslint", "."]],
  ["unit + integration", "npx", ["vitest", "run"]],
  ["build", "npm", ["run", "--silent", "build"]],
  ["end-to-end", "npx", ["playwright", "test"]],
];

const only = process.argv[2];
for (const [name, cmd, args] of steps) {
  if (only && !name.startsWith(only)) continue;
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`✗ ${name} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
  console.log(`✓ ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
