import { type ErrorCode, errorDoc } from "@/lib/api/catalogue";

export type FieldError = { location: string; message: string; fix?: string };

/**
 * The one error type of the API plane. Verbs throw it; the route wrapper turns it into
 * the envelope of docs/api.md "Conventions" with the status and title from the catalogue.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;
  /** Named values a client acts on, sent as `error.context` (e.g. the two accounts of a session switch). */
  readonly context?: Record<string, string>;

  constructor(code: ErrorCode, detail?: string, extra?: { errors?: FieldError[]; headers?: Record<string, string>; context?: Record<string, string> }) {
    const doc = errorDoc(code);
    if (!doc) throw new Error(`unknown error code ${code}`);
    super(detail ?? doc.detail);
    this.name = "ApiError";
    this.code = code;
    this.status = doc.status;
    this.title = doc.title;
    this.detail = detail ?? doc.detail;
    this.errors = extra?.errors ?? (doc.status === 400 ? [] : undefined);
    this.headers = extra?.headers;
    this.context = extra?.context;
  }
}

/** Postgres error codes and driver errors that mean "the database is not reachable". */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
]);

/** Walks the cause chain (drizzle wraps driver errors) looking for a connectivity failure. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
  }
  return false;
}

/** Postgres unique_violation, through drizzle's wrapper. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * The 400 for one bad field: `errors[0]` says where, what and how to fix it. `detail` (the
 * envelope's one-line summary) is the message unless the caller words it differently.
 */
export function invalidInput(location: string, message: string, fix: string, detail: string = message): ApiError {
  return new ApiError("unkey/application/invalid_input", detail, { errors: [{ location, message, fix }] });
}
