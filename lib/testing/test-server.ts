import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createBackendListener } from "@/lib/backend-plane/listener";
import { SOCKET_ADDRESS_HEADER } from "@/lib/http/client-address";
import { applyPortalFraming, framedPortalId } from "@/lib/http/portal-framing";
import { planeOf } from "@/lib/http/route-table";

type Handler = (req: Request, context: { params: Promise<{ portalId: string }> }) => Promise<Response>;
type RouteModule = Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>>;

/**
 * The browser plane's API route handlers (Next.js serves them in production), keyed by URL path, the
 * console's sign-in and sign-out, and the portal landing (`/portal/<pc_id>`). Real handlers over real HTTP below — what differs from the
 * production server is only Next's router in front of them. The backend plane is the production one:
 * its own listener, as bin/server.mjs runs it; a portal path gets its framing headers from the same
 * edge function bin/server.mjs calls.
 */
const modules = import.meta.glob<RouteModule>(["/app/v2/*/route.ts", "/app/console/sign-in/route.ts", "/app/console/sign-out/route.ts"]);
const routes = new Map(Object.entries(modules).map(([file, load]) => [file.replace(/^\/app/, "").replace(/\/route\.ts$/, ""), load]));
const loadLanding = () => import("@/app/portal/[portalId]/route") as Promise<RouteModule>;

export type TestServer = { url: string; close: () => Promise<void> };

async function toRequest(req: IncomingMessage, base: string): Promise<Request> {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || k === SOCKET_ADDRESS_HEADER) continue;
    for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
  }
  headers.set(SOCKET_ADDRESS_HEADER, req.socket.remoteAddress ?? "unknown");
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", base), { method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined });
}

/** Starts the route handlers on a random loopback port. */
export async function startTestServer(): Promise<TestServer> {
  let base = "";
  const backend = createBackendListener();
  const server: Server = createServer(async (req, res) => {
    try {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      if (planeOf(path) === "backend") return backend(req, res);
      const portalId = framedPortalId(path);
      if (portalId) await applyPortalFraming(res, path);
      const load = portalId && path === `/portal/${portalId}` ? loadLanding : routes.get(path);
      const method = (req.method ?? "GET") as keyof RouteModule;
      const handler = load ? (await load())[method] : undefined;
      const response = handler
        ? await handler(await toRequest(req, base), { params: Promise.resolve({ portalId: portalId ?? "" }) })
        : new Response(JSON.stringify({ error: { status: load ? 405 : 404 } }), { status: load ? 405 : 404 });
      res.statusCode = response.status;
      response.headers.forEach((v, k) => {
        if (k !== "set-cookie") res.setHeader(k, v);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length) res.setHeader("set-cookie", cookies);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (err) {
      res.statusCode = 599; // a handler threw past the wrapper: tests treat this as a bug
      res.end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
