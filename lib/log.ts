import "server-only";
import pino from "pino";

/**
 * Structured logs. Request bodies, headers and cookies are never logged; ids (req_, key_, ps_)
 * are not secrets and are. `redact` is a second line of defence for fields that must not appear.
 */
const holder = globalThis as unknown as { __keyportLog?: pino.Logger };

export function log(): pino.Logger {
  holder.__keyportLog ??= pino({
    level: process.env.KEYPORT_LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
    base: { service: "keyport" },
    redact: {
      paths: ["authorization", "cookie", "key", "token", "code", "secret", "rootKey", "accessToken", "*.authorization", "*.cookie"],
      censor: "[redacted]",
    },
  });
  return holder.__keyportLog;
}

/** Tests capture log output to prove no secret reaches it. */
export function setLogger(logger: pino.Logger): void {
  holder.__keyportLog = logger;
}
