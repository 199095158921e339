/**
 * The authenticator of public endpoints (liveness, the portal code and session exchanges): there is
 * no caller to resolve. Its scheme "none" documents those endpoints without a security requirement.
 */
export async function noAuth(): Promise<undefined> {
  return undefined;
}
noAuth.scheme = "none" as const;
