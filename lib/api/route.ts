import "server-only";
import type { z } from "zod";
import { type Db, getDb } from "@/db/client";
import { parseInput, readJsonBody } from "@/lib/api/body";
import { ApiError, isDatabaseUnavailable } from "@/lib/api/errors";
import { errorParts, type Reply, type ReplyParts, successParts, toResponse } from "@/lib/api/reply";
import type { Actor } from "@/lib/audit/write-audit";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { log } from "@/lib/log";

/** What every authenticator gets: the request and its id. */
export type RequestContext = { req: Request; requestId: string };
/** An authenticator resolves the caller or throws an ApiError (401/403). */
export type Authenticator<A> = (rc: RequestContext) => Promise<A>;
/**
 * The credentials an authenticator accepts, declared on it (its `scheme` property) so /openapi.json
 * documents each route's security from the authenticator it runs, not from its URL.
 */
export type AuthScheme = "rootKey" | "portalSession" | "operatorToken" | "none";

/** Who acts, for the audit log: every authenticator but noAuth names one on what it resolves. */
type ActorOf<A> = A extends { actor: infer X } ? X : undefined;

/** What every handler gets: the parsed body, the caller, who acts, the database and the request. */
export type HandlerArgs<S extends z.ZodType, A> = { input: z.infer<S>; auth: A; actor: ActorOf<A>; db: Db; rc: RequestContext };

type RouteOptions<S extends z.ZodType, A, O extends z.ZodType> = {
  /** One line for /openapi.json: what the operation does. */
  summary: string;
  /** Root key, portal session, operator token, or none. Runs before the body is read. */
  auth: Authenticator<A> & { scheme: AuthScheme };
  input: S;
  /**
   * The schema of `data` in a 200 answer, for /openapi.json only: answers are never parsed against
   * it (keys.verifyKey's hot path); lib/openapi/responses.test.ts checks real answers against it.
   */
  output: O;
  /** The answer carries `pagination` (list endpoints returning a Reply with one). */
  paginated?: true;
  /** false only for routes that must answer without a database (liveness); their handler gets no `db`. */
  database?: false;
  handler: (args: HandlerArgs<S, A>) => Promise<z.input<O> | Reply<z.input<O>>>;
};

/**
 * The one wrapper around every /v2/* and /operator/* handler (docs/ARCHITECTURE.md "The path of a request"): request id, auth,
 * content type, body cap, schema parsing, and the mapping of every thrown error to the envelope.
 */
export function route<S extends z.ZodType, A, O extends z.ZodType>(options: RouteOptions<S, A, O>) {
  // Schemas, summary and authenticator ride on the handler so /openapi.json is generated from them (lib/openapi);
  // `serve` is the same handler answering plain parts, which the backend plane writes to the socket itself.
  const POST = async (req: Request): Promise<Response> => toResponse(await serve(req));
  const doc: RouteDoc = { summary: options.summary, input: options.input, output: options.output, paginated: options.paginated === true, scheme: options.auth.scheme };
  return Object.assign(POST, { doc, serve });

  async function serve(req: Request): Promise<ReplyParts> {
    const requestId = newId("req");
    const started = performance.now();
    const rc: RequestContext = { req, requestId };
    let res: ReplyParts;
    try {
      const auth = withRequestId(await options.auth(rc), requestId);
      // GET (and HEAD, which routers serve with the GET handler) only on read-only routes such as liveness.
      const body = req.method === "GET" || req.method === "HEAD" ? {} : await readJsonBody(req);
      const input = parseInput(options.input, body);
      const db = options.database === false ? (undefined as unknown as Db) : await getDb();
      const actor = (auth as { actor?: unknown } | undefined)?.actor as ActorOf<A>;
      res = successParts(requestId, await options.handler({ input, auth, actor, db, rc }));
    } catch (err) {
      res = errorParts(requestId, env().PUBLIC_URL, toApiError(err, requestId));
    }
    log().info({ requestId, method: req.method, path: pathOf(req.url), status: res.status, ms: Math.round(performance.now() - started) }, "request");
    return res;
  }
}

/**
 * The caller with this request's id on the actor it names, so the audit events the handler writes
 * say which request made them (docs/api.md "Audit log"). A copy: authenticators may hand out shared
 * objects (the operator's is a constant, root keys are cached).
 */
function withRequestId<A>(auth: A, requestId: string): A {
  const actor = (auth as { actor?: Actor } | undefined)?.actor;
  return actor ? { ...auth, actor: { ...actor, requestId } } : auth;
}

/** What /openapi.json documents of a route (lib/openapi/build-document.ts). */
export type RouteDoc = { summary: string; input: z.ZodType; output: z.ZodType; paginated: boolean; scheme: AuthScheme };

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
