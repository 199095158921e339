import { When } from "./when";

/**
 * Under a rolled key's name: which key replaced it and, while its grace period lasts, when it stops
 * working. The successor is named by its start, the same text the Key column shows for it.
 */
export function KeyRelation({ replaced, expires, now }: { replaced: { by?: { start: string } }; expires?: number; now: number }) {
  return (
    <span className="key-relation">
      <span>
        Replaced{replaced.by ? <> by <code className="key-start">{replaced.by.start}…</code></> : null}
      </span>
      {expires !== undefined && expires > now ? (
        <span>
          {" · "}expires <When at={expires} now={now} />
        </span>
      ) : null}
    </span>
  );
}
