// @ts-check
import { createServer } from "node:net";

/**
 * A free loopback port: asks the kernel for one, then releases it. Used by `npm test` (the Playwright
 * server's port), the bench's servers and the e2e fixtures that start their own server.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      // A TCP listener's address is always an AddressInfo (a string only for pipes and sockets).
      const { port } = /** @type {import("node:net").AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}
