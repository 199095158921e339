import "server-only";
import type { z } from "zod";
import { parseInput, readJsonBody } from "@/lib/api/body";
import { ApiError, isDatabaseUnavailable } from "@/lib/api/errors";
import { errorParts, type ReplyParts, successParts, toResponse } from "@/lib/api/reply";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { log } from "@/lib/log";

/** What every authenticator gets: the request and its id. */
export type RequestContext = { req: Request; requestId: string };
/** An authenticator resolves the caller or throws an ApiError (401/403). */
export type Authenticator<A> = (rc: RequestContext) => Promise<A>;

type RouteOptions<S extends z.ZodType, A> = {
  /** Root key, portal session, operator token, or none. Runs before the body is read. */
  auth: Authenticator<A>;
  input: S;
  handler: (args: { input: z.infer<S>; auth: A; rc: RequestContext }) => Promise<unknown>;
};

/**
 * The one wrapper around every /v2/* and /operator/* handler (STYLE §1): request id, auth,
 * content type, body cap, schema parsing, and the mapping of every thrown error to the envelope.
 */
export function route<S extends z.ZodType, A>(options: RouteOptions<S, A>) {
  // The schema and authenticator ride on the handler so /openapi.json is generated from them (lib/openapi);
  // `serve` is the same handler answering plain parts, which the backend plane writes to the socket itself.
  const POST = async (req: Request): Promise<Response> => toResponse(await serve(req));
  return Object.assign(POST, { input: options.input, auth: options.auth as Authenticator<unknown>, serve });

  async function serve(req: Request): Promise<ReplyParts> {
    const requestId = newId("req");
    const started = performance.now();
    const rc: RequestContext = { req, requestId };
    let res: ReplyParts;
    try {
      const auth = await options.auth(rc);
      // GET (and HEAD, which routers serve with the GET handler) only on read-only routes such as liveness.
      const body = req.method === "GET" || req.method === "HEAD" ? {} : await readJsonBody(req);
      const input = parseInput(options.input, body);
      res = successParts(requestId, await options.handler({ input, auth, rc }));
    } catch (err) {
      res = errorParts(requestId, env().PUBLIC_URL, toApiError(err, requestId));
    }
    log().info({ requestId, method: req.method, path: pathOf(req.url), status: res.status, ms: Math.round(performance.now() - started) }, "request");
    return res;
  }
}

/** The path of an absolute URL, without building a URL object per request. */
function pathOf(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start === -1) return "/";
  const q = url.indexOf("?", start);
  return q === -1 ? url.slice(start) : url.slice(start, q);
}

export function toApiError(err: unknown, requestId: string): ApiError {
  if (err instanceof ApiError) return err;
  if (isDatabaseUnavailable(err)) {
    log().warn({ requestId, err: describe(err) }, "database unavailable");
    return new ApiError("unkey/application/service_unavailable");
  }
  log().error({ requestId, err: describe(err) }, "unexpected error");
  return new ApiError("unkey/application/unexpected_error");
}

/**
 * Error name and codes only. Messages of drizzle and the drivers quote SQL and its parameters
 * (which can be key hashes or codes), and stacks are internals: neither reaches a log line.
 */
function describe(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { kind: typeof err };
  const cause = (err as { cause?: { code?: unknown; name?: unknown } }).cause;
  return { name: err.name, code: (err as { code?: unknown }).code, causeName: cause?.name, causeCode: cause?.code };
}
