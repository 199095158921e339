import "server-only";
import { z } from "zod";

/** Configuration, parsed once. A bad value stops the server with a message naming the variable (docs/operations.md). */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .transform((u) => u.replace(/\/+$/, ""))
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  KEYPORT_DATA_DIR: z.string().min(1).default("./.data"),
  // Comma-separated for rotation; each token is a long-lived admin credential, held to SESSION_SECRET's length.
  KEYPORT_OPERATOR_TOKEN: z
    .string()
    .optional()
    .refine((v) => v === undefined || v.split(",").every((t) => t.trim().length >= 32), {
      message: "every token must be at least 32 characters (unset it to have one generated)",
    }),
  SESSION_SECRET: z
    .string()
    .optional()
    .refine((v) => v === undefined || v.split(",").every((s) => s.trim().length >= 32), {
      message: "every secret must be at least 32 characters",
    }),
  KEYPORT_TRUSTED_PROXIES: z.string().default(""),
  KEYPORT_EXCHANGE_FAILURE_LIMIT: z.coerce.number().int().min(1).default(30),
  KEYPORT_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema> & { PUBLIC_URL: string };

let cached: Env | undefined;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const clean = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(clean);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    throw new Error(`Invalid configuration: ${name} ${issue?.message ?? "is invalid"}`);
  }
  const data = result.data;
  return { ...data, PUBLIC_URL: data.PUBLIC_URL ?? `http://localhost:${data.PORT}` };
}

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests and the CLI harness re-read the environment after changing it. */
export function resetEnvForTests(): void {
  cached = undefined;
}
