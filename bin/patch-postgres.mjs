#!/usr/bin/env node
// postinstall: guards postgres.js 3.4.x against a known crash (porsager/postgres#1154, #1208; fix
// proposed in PR #1176/#1209, unreleased). When a connection closes with a small write buffered,
// `nextWrite` runs with `socket === null` and throws from a setImmediate callback: an uncaught
// exception that kills the whole server on a database hiccup. Teardown also leaves a stale
// `nextWriteTimer`, so a reconnected connection can stop flushing small writes. Found by
// lib/faults/database-cut.test.ts. Idempotent; fails loudly if the driver's code has changed.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const MARK = "/* keyport: null-socket guard */";
const root = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "node_modules", "postgres");
const files = ["src/connection.js", "cjs/src/connection.js"].map((f) => path.join(root, f));

const edits = [
  ["  function nextWrite(fn) {\n", `  function nextWrite(fn) {\n    ${MARK} if (!socket) { chunk = nextWriteTimer = null; return false }\n`],
  ["    clearImmediate(nextWriteTimer)\n    if (socket) {", "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {"],
  ["    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)", "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener('data', data)"],
];

for (const file of files) {
  let source = readFileSync(file, "utf8");
  if (source.includes(MARK)) continue;
  for (const [from, to] of edits) {
    if (!source.includes(from)) {
      console.error(`patch-postgres: ${path.relative(process.cwd(), file)} no longer contains the expected code; check whether postgres.js fixed nextWrite upstream and drop this patch.`);
      process.exit(1);
    }
    source = source.replace(from, to);
  }
  writeFileSync(file, source);
}
