import type { I18n } from "@/lib/i18n/catalogue";
import { interpolate } from "@/lib/i18n/translate";
import { When } from "./when";

/**
 * Under a rolled key's name: which key replaced it and, while its grace period lasts, when it stops
 * working. The successor is named by its start, the same text the Key column shows for it.
 */
export function KeyRelation({ replaced, expires, now, i18n, timeZone }: { replaced: { by?: { start: string } }; expires?: number; now: number; i18n: I18n; timeZone: string }) {
  const { m } = i18n;
  return (
    <span className="key-relation">
      <span>{replaced.by ? interpolate(m.keys.replacedBy, { key: <code key="key" className="key-start">{replaced.by.start}…</code> }) : m.keys.replaced}</span>
      {expires !== undefined && expires > now ? (
        <span>
          {" · "}
          {interpolate(m.keys.expiresWhen, { when: <When key="when" at={expires} now={now} i18n={i18n} timeZone={timeZone} /> })}
        </span>
      ) : null}
    </span>
  );
}
