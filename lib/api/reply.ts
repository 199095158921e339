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
 * For answers that carry a one-time code or a session token (createSession, exchangeCode,
 * exchangeSession): HTTP/1.0 caches ignore Cache-Control, so these also send Pragma, as Unkey's
 * document lists for them (docs/security.md "Headers").
 */
export const PRAGMA_NO_CACHE = { Pragma: "no-cache" } as const;

/**
 * A response as plain parts. The backend plane writes them straight to the socket (no Response or
 * Headers objects on the hot path); Next.js gets them as a Response through toResponse().
 */
export type ReplyParts = { status: number; headers: Record<string, string>; cookies: string[]; body: string };

/**
 * Customer JSON marked by asStoredJson. On globalThis: the backend bundle and Next.js's bundles each
 * load this module (docs/ARCHITECTURE.md "Shared state lives on globalThis").
 */
const holder = globalThis as unknown as { __keyportStoredJson?: WeakSet<object> };
const storedJson = (holder.__keyportStoredJson ??= new WeakSet());

/**
 * Strips undefined and null recursively: absent schema fields are omitted, never null (docs/api.md
 * "Conventions"). It never enters JSON a customer stored (asStoredJson), nor anything but plain
 * objects and arrays.
 */
export function omitAbsent<T>(value: T): T {
  if (Array.isArray(value)) return value.map(omitAbsent) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype && !storedJson.has(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) out[k] = omitAbsent(v);
    return out as T;
  }
  return value;
}

/**
 * Marks JSON a customer stored (the `meta` of keys and identities) to reach the wire as stored:
 * nulls, empty strings, 0 and false inside it are data, not absent fields (docs/api.md "Stored JSON").
 * Returns the same object, unchanged.
 */
export function asStoredJson<T extends object>(json: T): T {
  storedJson.add(json);
  return json;
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

/** Bounds of an error body, whoever threw: an error never grows with the input that caused it. */
/** At most this many `errors[]` entries (unknown keys included): a 400 stays about as small as a cheap request. */
export const MAX_REPORTED_ISSUES = 20;
const MAX_DETAIL = 2000;
const MAX_FIELD_TEXT = 500;

/** `text` cut to `max` characters, marked with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function errorParts(requestId: string, publicUrl: string, err: ApiError): ReplyParts {
  const error: Record<string, unknown> = {
    title: err.title,
    detail: clip(err.detail, MAX_DETAIL),
    status: err.status,
    type: errorTypeUrl(publicUrl, err.code),
  };
  if (err.errors) {
    error.errors = err.errors.slice(0, MAX_REPORTED_ISSUES).map((e) => ({
      location: clip(e.location, MAX_FIELD_TEXT),
      message: clip(e.message, MAX_FIELD_TEXT),
      ...(e.fix === undefined ? {} : { fix: clip(e.fix, MAX_FIELD_TEXT) }),
    }));
  }
  if (err.context) error.context = Object.fromEntries(Object.entries(err.context).map(([k, v]) => [k, clip(v, MAX_FIELD_TEXT)]));
  const headers: Record<string, string> = { ...BASE_HEADERS, "X-Request-Id": requestId, ...err.headers };
  // The SDK matches 429 on application/problem+json (docs/api.md "Conventions").
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
