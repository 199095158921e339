import type { z } from "zod";
import { ApiError, type FieldError } from "@/lib/api/errors";

export const BODY_LIMIT = 1024 * 1024;

/** Reads the body as JSON: 415 for another content type, 413 past 1 MiB, 400 for broken JSON. */
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
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("user/bad_request/request_body_unreadable");
  }
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
  const nul = findNul(body, "body");
  if (nul) {
    // Postgres stores neither text nor jsonb with U+0000: refused here as input, not as a 500 later.
    throw new ApiError("unkey/application/invalid_input", `${nul}: Text must not contain the NUL character (\\u0000).`, {
      errors: [{ location: nul, message: "Text must not contain the NUL character (\\u0000).", fix: "Remove the \\u0000 character." }],
    });
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.slice(0, 20).flatMap((issue) => {
    const base = ["body", ...issue.path.map(String)].join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((k) => ({
        location: `${base}.${k}`,
        message: `The field "${k}" is not defined for this endpoint.`,
        fix: `Remove "${k}" from the request body.`,
      }));
    }
    return [{ location: base, message: issue.message, fix: fixFor(issue) }];
  });
  const first = errors[0];
  throw new ApiError("unkey/application/invalid_input", first ? `${first.location}: ${first.message}` : undefined, { errors });
}

/** The location of the first string (value or object key) holding U+0000, or undefined. */
function findNul(value: unknown, at: string, depth = 0): string | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? at : undefined;
  if (depth > 64 || value === null || typeof value !== "object") return undefined;
  for (const [k, v] of Object.entries(value)) {
    const where = `${at}.${k}`;
    if (k.includes("\u0000")) return where;
    const found = findNul(v, where, depth + 1);
    if (found) return found;
  }
  return undefined;
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
