import { invalidInput } from "@/lib/api/errors";

/**
 * Opaque keyset cursor: the (createdAt, id) of the last row of a page, base64url JSON. Paging by
 * position instead of an offset keeps pages stable while rows are added: no duplicates, no gaps.
 */
export type PagePosition = { createdAt: number; id: string };

export function encodeCursor(p: PagePosition): string {
  return Buffer.from(JSON.stringify([p.createdAt, p.id])).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): PagePosition | undefined {
  if (cursor === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === 2 && Number.isSafeInteger(v[0]) && typeof v[1] === "string") return { createdAt: v[0], id: v[1] };
  } catch {
    // fall through to the 400 below
  }
  throw invalidInput("body.cursor", "The cursor is not one this endpoint returned.", "Send pagination.cursor from the previous page unchanged, or leave it out for the first page.");
}

/** Splits the limit + 1 rows a page query returned into the page and its pagination. */
export function paginate<T>(rows: T[], limit: number, position: (row: T) => PagePosition) {
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { page, pagination: { hasMore, cursor: hasMore && last ? encodeCursor(position(last)) : undefined } };
}
