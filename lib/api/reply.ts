import { ApiError } from "@/lib/api/errors";
import { errorTypeUrl } from "@/lib/api/catalogue";

/** A successful result with extras: pagination, response headers, cookies. Handlers may return plain data instead. */
export class Reply<T = unknown> {
  constructor(
    readonly data: T,
    readonly extra: {
      pagination?: { cursor?: string; hasMore: boolean };
      headers?: Record<string, string>;
      cookies?: string[];
    } = {},
  ) {}
}

const BASE_HEADERS = {
  "Content-Type": "application/json",
  // API responses carry keys, codes and tokens; none of them may be cached anywhere.
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
} as const;

/** Strips undefined and null recursively: absent values are omitted, never null (SPEC §2). */
export function omitAbsent<T>(value: T): T {
  if (Array.isArray(value)) return value.map(omitAbsent) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) out[k] = omitAbsent(v);
    return out as T;
  }
  return value;
}

export function successResponse(requestId: string, result: unknown): Response {
  const reply = result instanceof Reply ? result : new Reply(result ?? {});
  const body: Record<string, unknown> = { meta: { requestId }, data: omitAbsent(reply.data ?? {}) };
  if (reply.extra.pagination) body.pagination = omitAbsent(reply.extra.pagination);
  const headers = new Headers({ ...BASE_HEADERS, "X-Request-Id": requestId, ...reply.extra.headers });
  for (const c of reply.extra.cookies ?? []) headers.append("Set-Cookie", c);
  return new Response(JSON.stringify(body), { status: 200, headers });
}

export function errorResponse(requestId: string, publicUrl: string, err: ApiError): Response {
  const error: Record<string, unknown> = {
    title: err.title,
    detail: err.detail,
    status: err.status,
    type: errorTypeUrl(publicUrl, err.code),
  };
  if (err.errors) error.errors = err.errors;
  const headers = new Headers({ ...BASE_HEADERS, "X-Request-Id": requestId, ...err.headers });
  // The SDK matches 429 on application/problem+json (SPEC §2).
  if (err.status === 429) headers.set("Content-Type", "application/problem+json");
  return new Response(JSON.stringify({ meta: { requestId }, error }), { status: err.status, headers });
}
