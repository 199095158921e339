import "server-only";
import { dbHandle } from "@/db/client";
import { sessionSecrets } from "@/lib/bootstrap/session-secrets";
import { ensureOperatorToken } from "@/lib/bootstrap/operator-token";
import { env } from "@/lib/env";
import { onShutdown } from "@/lib/lifecycle/shutdown";

export type BootstrapResult = {
  publicUrl: string;
  database: string;
  /** Only on the start that generated it: the banner prints it once. */
  operatorToken?: string;
  operatorTokenSource: "env" | "generated" | "existing";
  operatorTokenFile?: string;
};

/**
 * Everything that must hold before the server takes traffic (docs/operations.md): a valid environment (a bad
 * value throws a message naming the variable), the database open and migrated (the PGlite folder
 * locked), the operator token and the session secret in place, and the database closing last on
 * shutdown.
 */
export async function bootstrap(): Promise<BootstrapResult> {
  const config = env();
  const handle = await dbHandle();
  onShutdown("database", () => handle.close(), 100);
  const token = await ensureOperatorToken();
  await sessionSecrets();
  return {
    publicUrl: config.PUBLIC_URL,
    database: handle.label,
    operatorToken: token.created,
    operatorTokenSource: token.source,
    operatorTokenFile: token.file,
  };
}
