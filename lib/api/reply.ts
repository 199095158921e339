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

/**
 * A response as plain parts. The backend plane writes them straight to the socket (no Response or
 * Headers objects on the hot path); Next.js gets them as a Response through toResponse().
 */
export type ReplyParts = { status: number; headers: Record<string, string>; cookies: string[]; body: string };

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

export function successParts(requestId: string, result: unknown): ReplyParts {
  const reply = result instanceof Reply ? result : new Reply(result ?? {});
  const body: Record<string, unknown> = { meta: { requestId }, data: omitAbsent(reply.data ?? {}) };
  if (reply.extra.pagination) body.pagination = omitAbsent(reply.extra.pagination);
  return {
    status: 200,
    headers: { ...BASE_HEADERS, "X-Request-Id": requestId, ...reply.extra.headers },
    cookies: reply.extra.cookies ?? [],
    body: JSON.stringify(body),
  };
}

export function errorParts(requestId: string, publicUrl: string, err: ApiError): ReplyParts {
  const error: Record<string, unknown> = {
    title: err.title,
    detail: err.detail,
    status: err.status,
    type: errorTypeUrl(publicUrl, err.code),
  };
  if (err.errors) error.errors = err.errors;
  const headers: Record<string, string> = { ...BASE_HEADERS, "X-Request-Id": requestId, ...err.headers };
  // The SDK matches 429 on application/problem+json (SPEC §2).
  if (err.status === 429) headers["Content-Type"] = "application/problem+json";
  return { status: err.status, headers, cookies: [], body: JSON.stringify({ meta: { requestId }, error }) };
}

export function toResponse(parts: ReplyParts): Response {
  const headers = new Headers(parts.headers);
  for (const c of parts.cookies) headers.append("Set-Cookie", c);
  return new Response(parts.body, { status: parts.status, headers });
}

export function errorResponse(requestId: string, publicUrl: string, err: ApiError): Response {
  return toResponse(errorParts(requestId, publicUrl, err));
}
