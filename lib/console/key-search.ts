import "server-only";
import type { Db } from "@/db/client";
import { type KeyListRow, type KeySearchKinds, searchKeys } from "@/db/queries/console-keys";
import { encodeCursor } from "@/lib/api/page-cursor";
import { invalidInput } from "@/lib/api/errors";
import { now } from "@/lib/clock";
import { type ConsoleKeyStatus, consoleKeyStatus } from "@/lib/console/key-status";
import { CONSOLE_PAGE_SIZE, readCursor } from "@/lib/console/paging";

export const MAX_SEARCH_LENGTH = 200;

/** A key id as newId makes them (`key_` + base58); anything longer than `key_` may be one's prefix. */
const KEY_ID_PREFIX = /^key_[A-Za-z0-9]+$/;

export type ConsoleKeyRow = {
  keyId: string;
  name: string | null;
  start: string;
  apiId: string;
  apiName: string;
  externalId: string | null;
  status: ConsoleKeyStatus;
  createdAt: number;
  lastUsedAt: number | null;
};

export type KeySearchPage = { rows: ConsoleKeyRow[]; term: string; nextCursor?: string };

/**
 * The search text as the box sends it: trimmed, at most MAX_SEARCH_LENGTH characters, no control
 * characters (Postgres cannot store U+0000, and none belongs in a name, key or externalId).
 */
export function parseSearchTerm(q: string | undefined): string {
  const term = (q ?? "").trim();
  if (term.length > MAX_SEARCH_LENGTH) {
    throw invalidInput("q", `Search text may be at most ${MAX_SEARCH_LENGTH} characters.`, "Search for the first characters of a key id, key, name or externalId.");
  }
  if (/[\u0000-\u001f\u007f]/.test(term)) {
    throw invalidInput("q", "Search text cannot contain control characters.", "Type or paste the text again without line breaks or tabs.");
  }
  return term;
}

/** Which kinds a term is tried as: every term as a key start, a name and an externalId; an id-shaped one as a key id too. */
export function searchKinds(term: string): KeySearchKinds {
  if (term === "") return {};
  return { ...(KEY_ID_PREFIX.test(term) ? { keyId: term } : {}), start: term, name: term, externalId: term };
}

function toRow(r: KeyListRow, at: number): ConsoleKeyRow {
  return {
    keyId: r.key.id,
    name: r.key.name,
    start: r.key.start,
    apiId: r.key.apiId,
    apiName: r.apiName,
    externalId: r.externalId,
    status: consoleKeyStatus(r.key, at),
    createdAt: r.key.createdAt,
    lastUsedAt: r.key.lastUsedAt,
  };
}

/**
 * One page of the console's key search across a workspace (docs/console.md "Keys and sessions"):
 * by key id (exact or prefix), key start (prefix), name (prefix, any case) or the owner's externalId
 * (prefix); every live key without a term. Newest first; `cursor` is the previous page's nextCursor
 * (one the console did not write is the first page). A bad term throws invalid_input saying what to do.
 */
export async function searchWorkspaceKeys(
  db: Db,
  workspaceId: string,
  input: { q?: string; cursor?: string; pageSize?: number },
): Promise<KeySearchPage> {
  const term = parseSearchTerm(input.q);
  const after = readCursor(input.cursor);
  const size = input.pageSize ?? CONSOLE_PAGE_SIZE;
  const found = await searchKeys(db, { workspaceId, kinds: searchKinds(term), after, limit: size + 1 });
  const at = now();
  const page = found.slice(0, size);
  const last = page.at(-1);
  return {
    rows: page.map((r) => toRow(r, at)),
    term,
    nextCursor: found.length > size && last ? encodeCursor({ createdAt: last.key.createdAt, id: last.key.id }) : undefined,
  };
}
