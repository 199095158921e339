"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { TIME_ZONE_COOKIE } from "@/lib/ui/time-zone";

/**
 * Tells the server the browser's time zone (a cookie for the pages under `path`: the portal's, or the
 * console's, whose own cookies live under /console) and redraws the page
 * once when it was drawn in another zone. Without JavaScript the page stays in UTC and says so.
 * `received` is the cookie the server read for this render: when it already names this zone, the
 * server refused it (or renamed it), and nothing is sent again, so this can never loop.
 */
export function TimeZoneSync({ current, received, path = "/portal" }: { current: string; received: string | undefined; path?: "/portal" | "/console" }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === current || zone === received) return;
    const secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; Path=${path}; Max-Age=31536000; SameSite=Lax${secure}`;
    router.refresh();
  }, [current, received, path, router]);
  return null;
}
