import "server-only";
import type { ServerResponse } from "node:http";
import type { HttpBindings } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import { Hono } from "hono";
import * as openapiJson from "@/app/openapi.json/route";
import { ApiError } from "@/lib/api/errors";
import { errorResponse, type ReplyParts } from "@/lib/api/reply";
import { toApiError } from "@/lib/api/route";
import { env } from "@/lib/env";
import { planeOf, ROUTES, type RouteModule } from "@/lib/http/route-table";
import { newId } from "@/lib/ids";
import { SECURITY_HEADERS } from "@/lib/http/security-headers";

/** A route module's method: route() handlers also answer as plain parts (`serve`); /openapi.json does not. */
type Handler = ((req: Request) => Promise<Response>) & { serve?: (req: Request) => Promise<ReplyParts> };
const METHODS = ["GET", "POST"] as const;

/** A routing refusal in the one envelope, with its own docs page (404 unknown path, 405 wrong method). */
function routingError(code: "keyport/routing/route_not_found" | "keyport/routing/method_not_allowed", headers?: Record<string, string>): Response {
  return withSecurityHeaders(errorResponse(newId("req"), env().PUBLIC_URL, new ApiError(code, undefined, { headers })));
}

function withSecurityHeaders(res: Response): Response {
  for (const [key, value] of Object.entries(SECURITY_HEADERS)) res.headers.set(key, value);
  return res;
}

/** The route modules this plane serves: every ROUTES entry of the backend plane, and /openapi.json. */
function backendRoutes(): [string, RouteModule][] {
  const own = Object.entries(ROUTES).filter(([path]) => planeOf(path) === "backend");
  return [...own, ["/openapi.json", openapiJson as RouteModule]];
}

/**
 * The backend plane: the same route modules Next.js would serve (one definition per endpoint, the
 * same route() wrapper), mounted on Hono instead of Next's request pipeline, which costs more per
 * request than a whole key verification (docs/benchmarks.md).
 */
export function createBackendApp(): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  for (const [path, mod] of backendRoutes()) {
    const methods = METHODS.filter((m) => typeof mod[m] === "function");
    for (const method of methods) {
      const handler = mod[method] as Handler;
      const serve = handler.serve;
      if (!serve) {
        app.on(method, path, async (c) => withSecurityHeaders(await handler(c.req.raw)));
        continue;
      }
      app.on(method, path, async (c) => {
        send(c.env.outgoing, await serve(c.req.raw));
        return RESPONSE_ALREADY_SENT;
      });
    }
    const allow = methods.join(", ");
    app.all(path, () => routingError("keyport/routing/method_not_allowed", { Allow: allow }));
  }
  app.notFound(() => routingError("keyport/routing/route_not_found"));
  // route() maps every error itself; this catches only what fails outside it (the generic 500, nothing internal).
  app.onError((err) => withSecurityHeaders(errorResponse(newId("req"), env().PUBLIC_URL, toApiError(err, "backend-plane"))));
  return app;
}

/** Writes a route's answer in one writeHead + end: no Response, Headers or body stream per request. */
function send(res: ServerResponse, parts: ReplyParts): void {
  const headers: Record<string, string | string[] | number> = { ...SECURITY_HEADERS, ...parts.headers, "Content-Length": Buffer.byteLength(parts.body) };
  if (parts.cookies.length) headers["Set-Cookie"] = parts.cookies;
  res.writeHead(parts.status, headers);
  res.end(parts.body);
}
