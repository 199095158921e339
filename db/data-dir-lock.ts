import "server-only";
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * PGlite is one process only: two servers on one folder corrupt it silently (docs/operations.md "The data folder and PGlite").
 * The first server takes a pid lock file; a second refuses with a clear message.
 */
export function lockDataDir(dir: string): () => void {
  const file = path.join(dir, "server.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(readFileSync(file, "utf8"));
      if (holder === process.pid) return () => rmSync(file, { force: true });
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new Error(
          `The data folder ${path.resolve(dir)} is in use by another Keyport server (pid ${holder}). ` +
            "PGlite serves one process only: stop that server, or set DATABASE_URL to share a Postgres database.",
        );
      }
      rmSync(file, { force: true }); // stale lock from a crashed server
    }
  }
  throw new Error(`Could not lock the data folder ${path.resolve(dir)}`);
}
