#!/usr/bin/env node
// @ts-check
// A tiny round-robin TCP proxy for the multi-process bench: each new client connection goes to the
// next upstream port in turn (keep-alive connections stay on the server they started on).
// Usage: PORT=… node proxy.mjs <upstreamPort> [<upstreamPort>…]. On SIGTERM it prints the
// connections each upstream got as one JSON line.
import { connect, createServer } from "node:net";

const upstreams = process.argv.slice(2).map(Number);
/** @type {Record<number, number>} */
const counts = Object.fromEntries(upstreams.map((p) => [p, 0]));
if (upstreams.length === 0) throw new Error("usage: PORT=… node proxy.mjs <upstreamPort> [<upstreamPort>…]");
let next = 0;
const server = createServer((client) => {
  // In range: the modulus of a non-empty list.
  const port = /** @type {number} */ (upstreams[next++ % upstreams.length]);
  counts[port] = (counts[port] ?? 0) + 1;
  const up = connect(port, "127.0.0.1");
  client.setNoDelay(true);
  up.setNoDelay(true);
  client.pipe(up).pipe(client);
  const end = () => {
    client.destroy();
    up.destroy();
  };
  client.on("error", end);
  up.on("error", end);
  client.on("close", end);
  up.on("close", end);
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
process.on("SIGTERM", () => {
  console.log(JSON.stringify(counts));
  process.exit(0);
});
