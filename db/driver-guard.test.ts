import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assertDriverGuarded, DRIVER_GUARDS } from "@/db/driver-guard";

const installed = path.join(process.cwd(), "node_modules", "postgres");
const scratch = mkdtempSync(path.join(tmpdir(), "keyport-driver-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the installed driver's connection files with `mark` removed from one of them. */
function copyWithout(mark: string, file: string): string {
  const dir = mkdtempSync(path.join(scratch, "pg-"));
  for (const f of ["src/connection.js", "cjs/src/connection.js"]) {
    cpSync(path.join(installed, f), path.join(dir, f));
  }
  const target = path.join(dir, file);
  writeFileSync(target, readFileSync(target, "utf8").replaceAll(mark, ""));
  return dir;
}

describe("postgres.js crash guards", () => {
  it("are in place in the driver this install resolves (npm ci ran bin/patch-postgres.mjs)", () => {
    expect(() => assertDriverGuarded()).not.toThrow();
    for (const mark of DRIVER_GUARDS) {
      expect(readFileSync(path.join(installed, "src/connection.js"), "utf8")).toContain(mark);
    }
  });

  it.each(DRIVER_GUARDS.flatMap((mark) => ["src/connection.js", "cjs/src/connection.js"].map((file) => [mark, file])))(
    "a driver without %s in %s is refused with the command that fixes it",
    (mark, file) => {
      const dir = copyWithout(mark, file);
      expect(() => assertDriverGuarded(dir)).toThrow(/missing Keyport's crash guards.*node bin\/patch-postgres\.mjs/);
    },
  );
});
