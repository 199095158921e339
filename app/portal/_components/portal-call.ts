import { apiErrorMessage } from "@/lib/i18n/api-error-message";
import type { ClientI18n } from "@/lib/i18n/catalogue";

/**
 * Browser-side call to a `/v2/portal.*` endpoint: same-origin, the sealed cookie, and
 * `X-Keyport-Portal` naming this portal (one browser may hold sessions of several portals).
 * A 401 means the session ended mid-visit: reloading lets the server page redirect to the
 * return URL with `reason=session_expired` (or the explanatory page). A refusal's message is in the
 * session's language (lib/i18n/api-error-message.ts).
 */
export type PortalCallResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

export async function portalCall<T>(portalId: string, endpoint: string, body: unknown, { locale, m }: ClientI18n): Promise<PortalCallResult<T>> {
  let res: Response;
  try {
    res = await fetch(`/v2/${endpoint}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Keyport-Portal": portalId },
      body: JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    return { ok: false, status: 0, message: m.errors.network };
  }
  const json = (await res.json().catch(() => undefined)) as { data?: T; error?: { detail?: string; type?: string } } | undefined;
  if (res.status === 401) {
    window.location.reload();
    return { ok: false, status: 401, message: m.errors.sessionEnded };
  }
  if (!res.ok) return { ok: false, status: res.status, message: apiErrorMessage(locale, m.errors, { status: res.status, type: json?.error?.type, detail: json?.error?.detail }) };
  return { ok: true, data: json?.data as T };
}
