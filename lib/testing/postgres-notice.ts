import type { Reporter } from "vitest/reporters";

/**
 * A vitest reporter that ends the run with one loud line when the Postgres half of the suites did not
 * run (DATABASE_URL unset): those suites are then left out of the counts altogether, so without this
 * line a PGlite-only run would look exactly like a full one. `npm test` (bin/test.mjs) finds or starts
 * the local Postgres and sets DATABASE_URL; `npx vitest run` alone does not.
 */
export default class PostgresNotice implements Reporter {
  onTestRunEnd(): void {
    if (process.env.DATABASE_URL) return;
    process.stdout.write(
      "\n⚠ Postgres half SKIPPED: DATABASE_URL is not set, so every suite ran on PGlite only (one connection: its race tests run one after another and prove nothing). Run `npm test`, or set DATABASE_URL=postgres://…/test.\n",
    );
  }
}
