// The backend plane's bundle entry (bin/build-backend.mjs compiles it to .next/backend-plane/index.mjs):
// what bin/server.mjs needs from the application, without going through Next.js.
export { createBackendListener } from "@/lib/backend-plane/listener";
export { bootstrap } from "@/lib/bootstrap/bootstrap";
export { applyPortalFraming, framedPortalId } from "@/lib/http/portal-framing";
export { planeOf } from "@/lib/http/route-table";
export { runShutdownHooks } from "@/lib/lifecycle/shutdown";
