import Link from "next/link";
import type { ReactNode } from "react";
import type { KeyRatelimit, KeyRefill } from "@/db/schema";
import type { ConsoleKeyDetail } from "@/lib/console/key-detail";
import { formatCount, formatRateLimit, utcTimestamp } from "@/lib/ui/format";
import { CONSOLE_LOCALE } from "@/lib/console/locale";
import { CONSOLE_I18N } from "@/lib/console/english";

function refillText(r: KeyRefill): string {
  const amount = `${formatCount(r.amount, CONSOLE_LOCALE)} credits`;
  if (r.interval === "daily") return `Refilled to ${amount} every day (UTC)`;
  return `Refilled to ${amount} every month on day ${r.refillDay ?? 1} (UTC)`;
}

function Limits({ limits, empty }: { limits: KeyRatelimit[]; empty: string }) {
  if (limits.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="c-limits">
      {limits.map((r) => (
        <li key={r.id}>
          <strong>{r.name}</strong>: {formatRateLimit(r.limit, r.duration, CONSOLE_LOCALE, CONSOLE_I18N.m.keys)}
          <span className="muted"> · {r.autoApply ? "applied to every verification" : "applied when a verification names it"}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Credits (and refill) and rate limits of a key on its console page; `creditsAction` is the "Change
 * credits" button. A rolled key spends from its replacement, which holds the lineage's balance.
 */
export function KeyLimitsCard({ detail, base, creditsAction }: { detail: ConsoleKeyDetail; base: string; creditsAction: ReactNode }) {
  const { key, identity, credits } = detail;
  const heldElsewhere = credits.heldBy !== key.id;
  return (
    <section className="card card-pad c-key-card" aria-labelledby="key-credits">
      <div className="c-card-head">
        <h2 id="key-credits">Credits</h2>
        {heldElsewhere ? null : creditsAction}
      </div>
      <p className="c-big-figure" data-testid="key-credits">
        {credits.remaining === null ? "Unlimited" : `${formatCount(credits.remaining, CONSOLE_LOCALE)} left`}
      </p>
      {heldElsewhere ? (
        <p className="c-muted-note">
          This key was rolled: it spends from its replacement,{" "}
          <Link prefetch={false} href={`${base}/keys/${credits.heldBy}`}>
            <span className="c-id">{credits.heldBy}</span>
          </Link>
          , which holds the balance. Change credits there.
        </p>
      ) : null}
      {credits.refill ? <p>{refillText(credits.refill)}</p> : <p className="muted">No refill.</p>}
      {key.lastRefillAt && credits.refill ? <p className="c-muted-note">Last refilled {utcTimestamp(key.lastRefillAt)}</p> : null}

      <h2 className="c-card-title-gap">Rate limits</h2>
      <Limits limits={key.ratelimits} empty="This key has no rate limits of its own." />
      {identity && identity.ratelimits.length > 0 ? (
        <>
          <h3 className="c-subhead">Shared by every key of {identity.externalId}</h3>
          <Limits limits={identity.ratelimits} empty="" />
        </>
      ) : null}
    </section>
  );
}
