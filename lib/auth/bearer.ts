import { ApiError } from "@/lib/api/errors";

/**
 * Reads `Authorization: Bearer <token>`. undefined when the header is absent;
 * 401 `malformed` for any other shape. Tokens in the query string are never read.
 */
export function bearerToken(req: Request): string | undefined {
  const header = req.headers.get("authorization");
  if (header === null) return undefined;
  const match = /^Bearer ([^\s]+)$/.exec(header.trim());
  if (!match?.[1]) throw new ApiError("unkey/authentication/malformed");
  return match[1];
}
