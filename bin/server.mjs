#!/usr/bin/env node
// Serves the built Next.js app through a plain node:http server, so Keyport knows each request's
// socket address (Next.js would pass a client-sent X-Forwarded-For through untouched), runs the
// start-up checks before taking traffic, prints the banner, and shuts down gracefully.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, request } from "node:http";

const SOCKET_ADDRESS_HEADER = "x-keyport-socket-address";
const DRAIN_LIMIT_MS = 10_000;
const dev = process.argv.includes("--dev");
// A custom server must say which mode it is in (`next start` does this itself): without it React
// renders the portal pages with its development build.
process.env.NODE_ENV ??= dev ? "development" : "production";
const { default: next } = await import("next");

function fail(message) {
  console.error(`keyport: ${message}`);
  process.exit(1);
}

// PORT is needed before Next starts; the full environment is validated by the bootstrap route (lib/env.ts).
const rawPort = process.env.PORT ?? "3000";
if (!/^\d+$/.test(rawPort) || Number(rawPort) < 1 || Number(rawPort) > 65535) {
  fail(`Invalid configuration: PORT must be a whole number from 1 to 65535 (got "${rawPort}")`);
}
const port = Number(rawPort);

// Proves to the bootstrap route that the caller is this process (it returns a new operator token).
process.env.KEYPORT_BOOTSTRAP_NONCE = randomBytes(32).toString("hex");
const nonce = process.env.KEYPORT_BOOTSTRAP_NONCE;

const app = next({ dev, dir: process.cwd(), port, hostname: "0.0.0.0" });
const handle = app.getRequestHandler();
await app.prepare();

// HSTS only when the public address is https (a header over plain http would be ignored anyway, and
// on localhost it would pin the browser to https). next.config.ts headers() are fixed at build time,
// so this runtime choice lives here.
const hsts = /^https:\/\//i.test(process.env.PUBLIC_URL ?? "") ? "max-age=31536000; includeSubDomains" : undefined;

let inFlight = 0;
function serve(req, res) {
  if (hsts) res.setHeader("Strict-Transport-Security", hsts);
  // The only trustworthy source of the client's address; a client-sent copy is discarded.
  delete req.headers[SOCKET_ADDRESS_HEADER];
  req.headers[SOCKET_ADDRESS_HEADER] = req.socket.remoteAddress ?? "unknown";
  inFlight++;
  res.on("close", () => inFlight--);
  handle(req, res);
}

/** Runs lib/bootstrap through its route on a private loopback listener, before the public port opens. */
async function runBootstrap() {
  const internal = createServer(serve);
  await new Promise((resolve) => internal.listen(0, "127.0.0.1", resolve));
  try {
    const body = await new Promise((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: internal.address().port,
          path: "/operator/internal/bootstrap",
          method: "POST",
          headers: { "x-keyport-bootstrap-nonce": nonce, "content-type": "application/json", connection: "close" },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c) => (text += c));
          res.on("end", () => resolve({ status: res.statusCode, text }));
        },
      );
      req.on("error", reject);
      req.end("{}");
    });
    let json;
    try {
      json = JSON.parse(body.text);
    } catch {
      json = undefined;
    }
    if (body.status !== 200 || !json) throw new Error(json?.error ?? `start-up checks failed (HTTP ${body.status})`);
    return json;
  } finally {
    internal.closeAllConnections?.();
    await new Promise((resolve) => internal.close(resolve));
  }
}

let info;
try {
  info = await runBootstrap();
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}

const server = createServer(serve);
server.on("error", (err) => {
  if (err.code === "EADDRINUSE") fail(`port ${port} is already in use; stop the other server or set PORT`);
  fail(err.message);
});
server.listen(port, () => {
  const lines = [
    "",
    "  Keyport is running",
    `  URL:       ${info.publicUrl}`,
    `  Listening: http://localhost:${port}`,
    `  Database:  ${info.database}`,
  ];
  if (info.operatorToken) {
    lines.push(
      `  Operator token (shown once; also saved to ${info.operatorTokenFile}):`,
      `    ${info.operatorToken}`,
    );
  } else if (info.operatorTokenSource === "env") {
    lines.push("  Operator token: from KEYPORT_OPERATOR_TOKEN");
  } else if (existsSync(info.operatorTokenFile)) {
    lines.push(`  Operator token: in ${info.operatorTokenFile}`);
  } else {
    lines.push("  Operator token: created by the first server on this database; copy its operator-token file or set KEYPORT_OPERATOR_TOKEN");
  }
  lines.push("", "  Try it:    npx --no-install keyport demo", "  Error docs: " + info.publicUrl + "/docs/errors", "");
  console.log(lines.join("\n"));
});

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`keyport: ${signal} received, finishing in-flight requests`);
  server.close();
  server.closeIdleConnections?.();
  const deadline = Date.now() + DRAIN_LIMIT_MS;
  while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  server.closeAllConnections?.();
  const hooks = [...(globalThis.__keyportShutdownHooks?.values() ?? [])].sort((a, b) => a.order - b.order);
  for (const hook of hooks) {
    try {
      await hook.run();
    } catch (err) {
      console.error(`keyport: shutdown hook ${hook.name} failed: ${err instanceof Error ? err.message : err}`);
    }
  }
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
