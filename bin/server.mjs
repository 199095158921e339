#!/usr/bin/env node
// @ts-check
// One process, one port, two planes (docs/ARCHITECTURE.md): requests for the backend plane (root-key
// and operator endpoints, /openapi.json) go to its Hono listener before Next.js sees them; everything
// else (portal pages, the session exchange that sets the cookie, docs) goes to Next.js. This server
// also stamps each request with its socket address (Next.js would pass a client-sent X-Forwarded-For
// through untouched), runs the start-up checks before taking traffic, prints the banner, and shuts
// down gracefully.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";

const SOCKET_ADDRESS_HEADER = "x-keyport-socket-address";
// lib/http/request-target.ts: what the root layout reads to put a portal session's language in <html lang>.
const REQUEST_TARGET_HEADER = "x-keyport-request-target";
const DRAIN_LIMIT_MS = 10_000;
const BACKEND_BUNDLE = path.resolve(".next/backend-plane/index.mjs");
const dev = process.argv.includes("--dev");
// A custom server must say which mode it is in (`next start` does this itself): without it React
// renders the portal pages with its development build. (Next's types make NODE_ENV read-only for
// application code; setting it before Next loads is this server's job.)
/** @type {Record<string, string | undefined>} */ (process.env).NODE_ENV ??= dev ? "development" : "production";
const { default: next } = await import("next");

/** @typedef {typeof import("../lib/backend-plane/bundle-entry")} BackendModule */
/** @typedef {import("../lib/backend-plane/listener").NodeListener} NodeListener */
/** @typedef {import("../lib/bootstrap/bootstrap").BootstrapResult} BootstrapResult */
/** @typedef {{ module: BackendModule, listener: NodeListener }} BackendPlane */

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`keyport: ${message}`);
  process.exit(1);
}

// PORT is needed before anything starts; the full environment is validated by bootstrap() (lib/env.ts).
const rawPort = process.env.PORT ?? "3000";
if (!/^\d+$/.test(rawPort) || Number(rawPort) < 1 || Number(rawPort) > 65535) {
  fail(`Invalid configuration: PORT must be a whole number from 1 to 65535 (got "${rawPort}")`);
}
const port = Number(rawPort);

/**
 * The backend plane module and its listener: the production bundle, or in dev a watched build that is
 * swapped into the returned object after every change (its shared state lives on globalThis, so a
 * reload keeps the database handle and buffers).
 * @returns {Promise<BackendPlane>}
 */
async function loadBackend() {
  if (!dev) {
    if (!existsSync(BACKEND_BUNDLE)) fail("the backend plane is not built; run `npm run build` (npm start does it when needed)");
    /** @type {BackendModule} */
    const mod = await import(pathToFileURL(BACKEND_BUNDLE).href);
    return { module: mod, listener: mod.createBackendListener() };
  }
  const { watchBackend } = await import("./build-backend.mjs");
  let version = 0;
  /** @type {BackendPlane | undefined} */
  let plane;
  /** @type {(plane: BackendPlane) => void} */
  let loaded = () => {};
  /** @type {Promise<BackendPlane>} */
  const first = new Promise((resolve) => (loaded = resolve));
  await watchBackend(async (file) => {
    try {
      /** @type {BackendModule} */
      const mod = await import(`${pathToFileURL(file).href}?v=${++version}`);
      const listener = mod.createBackendListener();
      if (plane) Object.assign(plane, { module: mod, listener });
      else plane = { module: mod, listener };
    } catch (err) {
      // The first build must load; a later broken one keeps the previous plane serving.
      if (version === 1) fail(`the backend plane does not load: ${err instanceof Error ? err.message : err}`);
      console.error(`keyport: backend plane reload failed, still serving the previous one: ${err instanceof Error ? err.message : err}`);
      return;
    }
    if (version > 1) console.log("keyport: backend plane reloaded");
    loaded(plane);
  });
  return first;
}

/** The backend plane serving now (in dev, updated in place after every rebuild). */
const backend = await loadBackend();
/** @type {BootstrapResult} */
let info;
try {
  info = await backend.module.bootstrap();
} catch (err) {
  // The message goes to the operator's terminal: env errors name the variable, lock errors the folder.
  fail(err instanceof Error ? err.message : String(err));
}

const app = next({ dev, dir: process.cwd(), port, hostname: "0.0.0.0" });
const handle = app.getRequestHandler();
await app.prepare();

// HSTS only when the public address is https (a header over plain http would be ignored anyway, and
// on localhost it would pin the browser to https). next.config.ts headers() are fixed at build time,
// so this runtime choice lives here, for both planes.
const hsts = /^https:\/\//i.test(process.env.PUBLIC_URL ?? "") ? "max-age=31536000; includeSubDomains" : undefined;

let inFlight = 0;
/** @type {import("node:http").RequestListener} */
function serve(req, res) {
  if (hsts) res.setHeader("Strict-Transport-Security", hsts);
  inFlight++;
  res.on("close", () => inFlight--);
  const path = pathOf(req.url ?? "/");
  if (backend.module.planeOf(path) === "backend") return backend.listener(req, res);
  // The only trustworthy source of the client's address; a client-sent copy is discarded.
  delete req.headers[SOCKET_ADDRESS_HEADER];
  req.headers[SOCKET_ADDRESS_HEADER] = req.socket.remoteAddress ?? "unknown";
  // Next.js tells a root layout nothing of the path; this does (a client-sent copy is discarded too).
  delete req.headers[REQUEST_TARGET_HEADER];
  req.headers[REQUEST_TARGET_HEADER] = req.url ?? "/";
  // A portal's pages may be framed by its embed origins, a run-time setting (docs/embedding.md): their
  // framing headers are decided here, per portal, before Next.js renders (should that fail, Next's fixed
  // headers refuse every frame). Every other path goes straight on.
  if (!backend.module.framedPortalId(path)) return toNext(req, res);
  const next = () => toNext(req, res);
  backend.module.applyPortalFraming(res, path, { dev }).then(next, next);
}

/**
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 */
function toNext(req, res) {
  // As `next start` does: a rejection inside Next's handler is a 500, never the end of the process.
  Promise.resolve(handle(req, res)).catch((err) => {
    console.error(`keyport: request failed in Next.js: ${err instanceof Error ? err.name : typeof err}`);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
}

/**
 * The path of a request target: origin-form (`/v2/x?y`) cheaply; absolute-form (`http://h/v2/x`) parsed.
 * @param {string} target
 */
function pathOf(target) {
  if (target.startsWith("/")) {
    const q = target.indexOf("?");
    return q === -1 ? target : target.slice(0, q);
  }
  try {
    return new URL(target).pathname;
  } catch {
    return target;
  }
}
const server = createServer(serve);
server.on("error", (/** @type {NodeJS.ErrnoException} */ err) => {
  if (err.code === "EADDRINUSE") fail(`port ${port} is already in use; stop the other server or set PORT`);
  fail(err.message);
});
// Where the CLI finds this server when it is not told (bin/keyport.mjs serverUrl); removed on shutdown.
const addressFile = path.join(process.env.KEYPORT_DATA_DIR || "./.data", "server-address");
server.listen(port, () => {
  try {
    mkdirSync(path.dirname(addressFile), { recursive: true });
    writeFileSync(addressFile, `http://localhost:${port}\n`);
  } catch {
    // a read-only data folder only costs the CLI its fallback
  }
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
  } else if (info.operatorTokenFile && existsSync(info.operatorTokenFile)) {
    lines.push(`  Operator token: in ${info.operatorTokenFile}`);
  } else {
    lines.push("  Operator token: created by the first server on this database; copy its operator-token file or set KEYPORT_OPERATOR_TOKEN");
  }
  lines.push(
    "",
    "  Console:   npx --no-install keyport console-link   (prints a one-time sign-in link)",
    "  Try it:    npx --no-install keyport demo",
    "  Error docs: " + info.publicUrl + "/docs/errors",
    "",
  );
  console.log(lines.join("\n"));
});

let stopping = false;
/** @param {NodeJS.Signals} signal */
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`keyport: ${signal} received, finishing in-flight requests`);
  server.close();
  server.closeIdleConnections?.();
  const deadline = Date.now() + DRAIN_LIMIT_MS;
  while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  server.closeAllConnections?.();
  rmSync(addressFile, { force: true });
  // Each hook gets its own deadline there (lib/lifecycle/shutdown.ts), so a stuck one cannot hold the exit.
  await backend.module.runShutdownHooks({
    onFailure: (name, error) => console.error(`keyport: shutdown hook ${name} failed: ${error.message}`),
  });
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
