import type { ClientMessages } from "@/lib/i18n/messages/en";
import type { ShippedLocale } from "@/lib/portal-sessions/locale";
import { fill } from "@/lib/i18n/translate";

/** What a failed portal call answered: the HTTP status and, when it sent the envelope, its `type` URL and `detail`. */
export type FailedCall = { status: number; type?: string; detail?: string };

/** Error codes (the end of the envelope's `type`, docs/api.md "Conventions") a portal user can meet in a dialog, by the message that explains them. */
const BY_CODE: Record<string, keyof ClientMessages["errors"]> = {
  "unkey/limits/key_limit_exceeded": "keyLimit",
  "unkey/data/key_not_found": "keyNotFound",
  "unkey/authorization/insufficient_permissions": "notAllowed",
  "unkey/authorization/forbidden": "notAllowed",
  "unkey/application/invalid_input": "invalid",
  "user/too_many_requests/rate_limited": "tooMany",
};

/**
 * The sentence a dialog shows for a refused portal call. The API writes its `detail` in English, the
 * most precise answer there is (`You already have 3 active keys…`), so an English portal shows it as
 * it is; another language says what happened from the error's code, in its own words, and falls back
 * to a status line rather than an English sentence.
 */
export function apiErrorMessage(locale: ShippedLocale, errors: ClientMessages["errors"], failed: FailedCall): string {
  if (locale === "en" && failed.detail) return failed.detail;
  const code = failed.type ? /\/docs\/errors\/(.+)$/.exec(failed.type)?.[1] : undefined;
  const known = code ? BY_CODE[code] : undefined;
  if (known) return errors[known];
  if (failed.status === 429) return errors.tooMany;
  return fill(errors.status, { status: failed.status });
}
