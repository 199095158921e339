import "server-only";
import { cookies } from "next/headers";
import { TIME_ZONE_COOKIE, validTimeZone } from "@/lib/ui/time-zone";

/**
 * The zone the console's viewer reads times in: the browser's, from the cookie TimeZoneSync sets under
 * /console; UTC until it has, and without JavaScript. `received` is the raw cookie, for TimeZoneSync.
 */
export async function viewerTimeZone(): Promise<{ timeZone: string; received: string | undefined }> {
  const received = (await cookies()).get(TIME_ZONE_COOKIE)?.value.slice(0, 64);
  return { timeZone: validTimeZone(received) ?? "UTC", received };
}
