import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { RequestContext } from "@/lib/api/route";
import type { Actor } from "@/lib/audit/write-audit";
import { bearerToken } from "@/lib/auth/bearer";
import { isOperatorToken } from "@/lib/bootstrap/operator-token";

export type OperatorAuth = { kind: "operator"; actor: Actor };

const OPERATOR: OperatorAuth = { kind: "operator", actor: { type: "operator", id: "operator" } };

/**
 * Authenticator for /operator/v1/*: `Authorization: Bearer <operator token>`, compared by hash in
 * constant time. No header → 401 `missing`; another shape → 401 `malformed`; a wrong token (a
 * root key included) → 401 `operator_token_invalid`.
 */
export async function operatorAuth(rc: RequestContext): Promise<OperatorAuth> {
  const token = bearerToken(rc.req);
  if (token === undefined) {
    throw new ApiError("unkey/authentication/missing", "Operator endpoints need `Authorization: Bearer <operatorToken>`.");
  }
  if (!(await isOperatorToken(token))) throw new ApiError("keyport/authentication/operator_token_invalid");
  return OPERATOR;
}
