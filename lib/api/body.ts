import type { z } from "zod";
import { ApiError, type FieldError } from "@/lib/api/errors";
import { clip, MAX_REPORTED_ISSUES } from "@/lib/api/reply";

export const BODY_LIMIT = 1024 * 1024;
/** Objects and arrays nest at most this deep in a body (the body itself is level 1); see docs/api.md "Conventions". */
export const MAX_BODY_DEPTH = 32;
/** Field names quoted in an error are cut to this many characters. */
const MAX_NAME_IN_ERROR = 64;

/**
 * Reads the body as JSON: 415 for another content type, 413 past 1 MiB, 400 for broken JSON, and 400
 * `invalid_input` for JSON nested too deep or holding U+0000 (see findProblem).
 */
export async function readJsonBody(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type.trim())) {
    throw new ApiError("user/bad_request/unsupported_content_type");
  }
  const length = req.headers.get("content-length");
  if (length !== null && Number(length) > BODY_LIMIT) throw new ApiError("user/bad_request/request_body_too_large");
  // With a declared length, Node's HTTP parser stops at it: read in one go. Without one (chunked), count as it comes.
  const text = length !== null ? await req.text() : await readCapped(req);
  if (text.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError("user/bad_request/request_body_unreadable");
  }
  // Two scans of the text (microseconds for a usual body) spare the walk over every value, which
  // costs as much as the parse on a body of 100,000 fields; only a body that fails them is walked.
  if (text.includes("\\u0000") || nestingOf(text) > MAX_BODY_DEPTH) {
    const problem = findProblem(body, "body", 1);
    if (problem) throw new ApiError("unkey/application/invalid_input", `${problem.location}: ${problem.message}`, { errors: [problem] });
  }
  return body;
}

/** The deepest nesting of objects and arrays in valid JSON text, skipping what is inside strings. */
function nestingOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

async function readCapped(req: Request): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > BODY_LIMIT) {
      await reader.cancel().catch(() => {});
      throw new ApiError("user/bad_request/request_body_too_large");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses with the route's schema; every issue becomes one `errors[]` entry with a location and a fix. */
export function parseInput<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const errors: FieldError[] = [];
  let total = 0;
  for (const issue of result.error.issues) {
    const base = ["body", ...issue.path.map((p) => shorten(String(p)))].join(".");
    if (issue.code === "unrecognized_keys") {
      total += issue.keys.length;
      for (const key of issue.keys.slice(0, MAX_REPORTED_ISSUES - errors.length)) {
        const k = shorten(key);
        errors.push({ location: `${base}.${k}`, message: `The field "${k}" is not defined for this endpoint.`, fix: `Remove "${k}" from the request body.` });
      }
    } else {
      total += 1;
      if (errors.length < MAX_REPORTED_ISSUES) errors.push({ location: base, message: issue.message, fix: fixFor(issue) });
    }
  }
  const first = errors[0];
  const more = total > errors.length ? ` (${total - errors.length} more problems not listed)` : "";
  throw new ApiError("unkey/application/invalid_input", first ? `${first.location}: ${first.message}${more}` : undefined, { errors });
}

/**
 * The first value no schema can be trusted with: nesting past MAX_BODY_DEPTH (the walkers and
 * Postgres's jsonb recurse), or U+0000 in a string or key (Postgres stores it in neither text nor
 * jsonb). Refused as input, not as a 500 later. The depth cap also bounds this walk.
 */
function findProblem(value: unknown, at: string, depth: number): FieldError | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? nulAt(at) : undefined;
  if (value === null || typeof value !== "object") return undefined;
  if (depth > MAX_BODY_DEPTH) {
    return { location: at, message: `JSON may nest objects and arrays at most ${MAX_BODY_DEPTH} levels deep.`, fix: "Flatten the value." };
  }
  for (const [k, v] of Object.entries(value)) {
    const where = `${at}.${shorten(k)}`;
    if (k.includes("\u0000")) return nulAt(where);
    const found = findProblem(v, where, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function nulAt(location: string): FieldError {
  return { location, message: "Text must not contain the NUL character (\\u0000).", fix: "Remove the \\u0000 character." };
}

/** A field name as an error quotes it: long names are cut, so an error never echoes a huge input. */
function shorten(name: string): string {
  return clip(name, MAX_NAME_IN_ERROR);
}

function fixFor(issue: z.core.$ZodIssue): string | undefined {
  const fix = (issue as { params?: { fix?: string } }).params?.fix;
  if (fix) return fix;
  switch (issue.code) {
    case "invalid_type":
      return `Send a value of type ${issue.expected}.`;
    case "too_small":
      return `Send at least ${String(issue.minimum)}${issue.origin === "string" ? " characters" : issue.origin === "array" ? " items" : ""}.`;
    case "too_big":
      return `Send at most ${String(issue.maximum)}${issue.origin === "string" ? " characters" : issue.origin === "array" ? " items" : ""}.`;
    case "invalid_value":
      return `Use one of: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}.`;
    default:
      return undefined;
  }
}
