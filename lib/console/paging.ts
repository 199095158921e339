import { encodeCursor, type PagePosition } from "@/lib/api/page-cursor";

/** Rows per console page. */
export const CONSOLE_PAGE_SIZE = 25;

/**
 * The position in a `?cursor=` the console wrote itself; anything else (edited, truncated) is the
 * first page rather than an error page, since it is only an address.
 */
export function readCursor(raw: string | string[] | undefined): PagePosition | undefined {
  if (typeof raw !== "string" || raw.length > 512) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === 2 && Number.isSafeInteger(v[0]) && typeof v[1] === "string") return { createdAt: v[0], id: v[1] };
  } catch {
    // not one of ours: first page
  }
  return undefined;
}

/** Splits `limit + 1` rows into the page and the cursor of the next one (undefined: last page). */
export function pageOf<T>(rows: T[], limit: number, position: (row: T) => PagePosition): { rows: T[]; next?: string } {
  if (rows.length <= limit) return { rows };
  const page = rows.slice(0, limit);
  return { rows: page, next: encodeCursor(position(page[page.length - 1] as T)) };
}
