#!/usr/bin/env node
// @ts-check
// postinstall: guards postgres.js 3.4.x against two known crashes on a database hiccup, both found by
// lib/faults/database-cut.test.ts. Idempotent per edit; fails loudly if the driver's code has changed.
//
// 1. porsager/postgres#1154, #1208 (fix proposed in PR #1176/#1209, unreleased): when a connection
//    closes with a small write buffered, `nextWrite` runs with `socket === null` and throws from a
//    setImmediate callback — an uncaught exception that kills the server. Teardown also leaves a stale
//    `nextWriteTimer`, so a reconnected connection can stop flushing small writes.
// 2. A connection that drops while it fetches the array types (the first query on every new
//    connection) rejects the un-awaited `fetchArrayTypes()` promise: an unhandled rejection, which
//    ends a Node process. The same error already reaches the caller's own query through `errored`,
//    so the extra rejection is dropped.
//
// db/driver-guard.ts checks at start-up that these edits are in place (an `npm ci --ignore-scripts`
// install skips this script) and refuses to open Postgres without them.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const MARK = "/* keyport: null-socket guard */";
export const TYPES_MARK = "/* keyport: types-fetch guard */";
const root = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "node_modules", "postgres");
const files = ["src/connection.js", "cjs/src/connection.js"].map((f) => path.join(root, f));

/** @type {[from: string, to: string][]} */
const edits = [
  ["  function nextWrite(fn) {\n", `  function nextWrite(fn) {\n    ${MARK} if (!socket) { chunk = nextWriteTimer = null; return false }\n`],
  ["    clearImmediate(nextWriteTimer)\n    if (socket) {", "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {"],
  ["    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)", "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener('data', data)"],
  ["        return fetchArrayTypes()\n", `        return fetchArrayTypes().catch(() => {}) ${TYPES_MARK}\n`],
];

for (const file of files) {
  let source = readFileSync(file, "utf8");
  let changed = false;
  for (const [from, to] of edits) {
    if (source.includes(to)) continue;
    if (!source.includes(from)) {
      console.error(`patch-postgres: ${path.relative(process.cwd(), file)} no longer contains the expected code; check whether postgres.js fixed this upstream and drop the edit.`);
      process.exit(1);
    }
    source = source.replace(from, to);
    changed = true;
  }
  if (changed) writeFileSync(file, source);
}
