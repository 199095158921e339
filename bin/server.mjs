#!/usr/bin/env node
// Serves the built Next.js app through a plain node:http server, so Keyport knows each request's
// socket address (Next.js would pass a client-sent X-Forwarded-For through untouched).
import { createServer } from "node:http";
import next from "next";

const SOCKET_ADDRESS_HEADER = "x-keyport-socket-address";
const port = Number(process.env.PORT ?? 3000);
const dev = process.argv.includes("--dev");

const app = next({ dev, dir: process.cwd(), port, hostname: "0.0.0.0" });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  // The only trustworthy source of the client's address; a client-sent copy is discarded.
  delete req.headers[SOCKET_ADDRESS_HEADER];
  req.headers[SOCKET_ADDRESS_HEADER] = req.socket.remoteAddress ?? "unknown";
  handle(req, res);
});

server.listen(port, () => {
  console.log(`Keyport listening on http://localhost:${port}`);
});
