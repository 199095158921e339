import "server-only";
import { cookies } from "next/headers";
import { TIME_ZONE_COOKIE, validTimeZone } from "@/lib/ui/time-zone";

/**
 * The viewer's time zone for a portal page: the browser's, from the cookie TimeZoneSync sets, else
 * UTC (before the browser has said, and without JavaScript). `received` is the cookie as read, which
 * TimeZoneSync needs so it never asks twice for a zone the server refused.
 */
export async function viewerTimeZone(): Promise<{ timeZone: string; received: string | undefined }> {
  const received = (await cookies()).get(TIME_ZONE_COOKIE)?.value.slice(0, 64);
  return { timeZone: validTimeZone(received) ?? "UTC", received };
}
