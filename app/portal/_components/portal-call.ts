/**
 * Browser-side call to a `/v2/portal.*` endpoint: same-origin, the sealed cookie, and
 * `X-Keyport-Portal` naming this portal (one browser may hold sessions of several portals).
 * A 401 means the session ended mid-visit: reloading lets the server page redirect to the
 * return URL with `reason=session_expired` (or the explanatory page).
 */
export type PortalCallResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

export async function portalCall<T>(portalId: string, endpoint: string, body: unknown): Promise<PortalCallResult<T>> {
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
    return { ok: false, status: 0, message: "Could not reach the server. Check your connection and try again." };
  }
  const json = (await res.json().catch(() => undefined)) as { data?: T; error?: { detail?: string } } | undefined;
  if (res.status === 401) {
    window.location.reload();
    return { ok: false, status: 401, message: "Your session has ended." };
  }
  if (!res.ok) return { ok: false, status: res.status, message: json?.error?.detail ?? `Something went wrong (${res.status}).` };
  return { ok: true, data: json?.data as T };
}
