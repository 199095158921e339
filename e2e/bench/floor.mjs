#!/usr/bin/env node
// @ts-check
// The floor: the least a verifyKey server can do. A bare node:http server (no framework) that reads
// the same JSON body as keys.verifyKey, SHA-256-hashes the key (base64, as Keyport stores it) and does
// the same indexed lookup on `keys.hash` with postgres.js (pool of FLOOR_POOL, like Keyport's 10).
// No root-key check, no event recording, no envelope: every scenario's ratio is measured against this.
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import postgres from "postgres";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("floor.mjs needs DATABASE_URL (processes.mjs startFloor sets it)");
const sql = postgres(databaseUrl, { max: Number(process.env.FLOOR_POOL ?? 10), onnotice: () => {} });
const port = Number(process.env.PORT ?? 4399);

/**
 * @param {import("node:http").ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const server = createServer((req, res) => {
  if (req.method === "GET" && req.url === "/health") return send(res, 200, { ok: true });
  if (req.method !== "POST") return send(res, 405, { error: "method" });
  /** @type {Buffer[]} */
  const chunks = [];
  req.on("data", (/** @type {Buffer} */ c) => chunks.push(c));
  req.on("end", async () => {
    let key;
    try {
      key = JSON.parse(Buffer.concat(chunks).toString("utf8")).key;
    } catch {
      return send(res, 400, { error: "body" });
    }
    if (typeof key !== "string" || key.length === 0) return send(res, 400, { error: "key" });
    const hash = createHash("sha256").update(key).digest("base64");
    try {
      const rows = await sql`select id, workspace_id, api_id, enabled, expires_at, credits_remaining from keys where hash = ${hash} and deleted_at is null limit 1`;
      const row = rows[0];
      send(res, 200, { data: row ? { valid: row.enabled, code: row.enabled ? "VALID" : "DISABLED", keyId: row.id } : { valid: false, code: "NOT_FOUND" } });
    } catch {
      send(res, 503, { error: "database" });
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1");
const stop = () => server.close(() => sql.end({ timeout: 2 }).then(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
