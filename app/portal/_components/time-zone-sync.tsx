"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { TIME_ZONE_COOKIE } from "@/lib/ui/time-zone";

/**
 * Tells the server the browser's time zone (a cookie for the portal's pages) and redraws the page
 * once when it was drawn in another zone. Without JavaScript the page stays in UTC and says so.
 * A zone the server refused is not sent again, so this can never loop.
 */
export function TimeZoneSync({ current }: { current: string }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const sent = document.cookie.match(new RegExp(`(?:^|; )${TIME_ZONE_COOKIE}=([^;]*)`))?.[1];
    if (!zone || zone === current || (sent && decodeURIComponent(sent) === zone)) return;
    const secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; Path=/portal; Max-Age=31536000; SameSite=Lax${secure}`;
    router.refresh();
  }, [current, router]);
  return null;
}
