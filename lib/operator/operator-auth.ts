import "server-only";
import { getDb } from "@/db/client";
import { ApiError } from "@/lib/api/errors";
import type { RequestContext } from "@/lib/api/route";
import type { Actor } from "@/lib/audit/write-audit";
import { bearerToken } from "@/lib/auth/bearer";
import { isOperatorToken } from "@/lib/bootstrap/operator-token";
import { throttleFailure } from "@/lib/portal-sessions/exchange-rate-limit";
import { requestAddress } from "@/lib/portal-sessions/request-address";

export type OperatorAuth = { kind: "operator"; actor: Actor };

const OPERATOR: OperatorAuth = { kind: "operator", actor: { type: "operator", id: "operator" } };

/**
 * Authenticator for /operator/v1/*: `Authorization: Bearer <operator token>`, compared by hash in
 * constant time. No header → 401 `missing`; another shape → 401 `malformed`; a wrong token (a
 * root key included) → 401 `operator_token_invalid`. Wrong tokens count per client address with the
 * exchange's counters; past the limit a wrong token is 429 until the minute ends. The right token is
 * never refused, as a valid exchange code is not: clients behind one proxy address share the counter,
 * and a flood of bad tokens must not lock the operator out (a ≥ 32-character token cannot be guessed
 * in any number of minutes, docs/operations.md "Operator token").
 */
export async function operatorAuth(rc: RequestContext): Promise<OperatorAuth> {
  const token = bearerToken(rc.req);
  if (token === undefined) {
    throw new ApiError("unkey/authentication/missing", "Operator endpoints need `Authorization: Bearer <operatorToken>`.");
  }
  if (await isOperatorToken(token)) return OPERATOR;
  throw (await throttleFailure(await getDb(), "operator", requestAddress(rc.req))) ?? new ApiError("keyport/authentication/operator_token_invalid");
}
operatorAuth.scheme = "operatorToken" as const;
