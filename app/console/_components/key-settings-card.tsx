import Link from "next/link";
import type { ReactNode } from "react";
import type { ConsoleKeyDetail } from "@/lib/console/key-detail";
import { relativeTime, utcTimestamp } from "@/lib/ui/format";
import { CONSOLE_LOCALE } from "@/lib/console/locale";
import { CONSOLE_I18N } from "@/lib/console/english";

/** Meta longer than this is shown cut, with a note (the API answers it whole). */
const META_SHOWN = 20_000;

function At({ at, now }: { at: number; now: number }) {
  return (
    <>
      <time dateTime={new Date(at).toISOString()}>{utcTimestamp(at)}</time> <span className="muted">({relativeTime(at, now, CONSOLE_LOCALE, CONSOLE_I18N.m.time)})</span>
    </>
  );
}

function Row({ term, children, testId }: { term: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** A key's settings on its console page: what keys.getKey answers, read by a person. */
export function KeySettingsCard({ detail, base, now }: { detail: ConsoleKeyDetail; base: string; now: number }) {
  const { key, identity, api } = detail;
  const meta = key.meta ? JSON.stringify(key.meta, null, 2) : undefined;
  return (
    <section className="card card-pad c-key-card" aria-labelledby="key-settings">
      <h2 id="key-settings">Settings</h2>
      <dl className="c-facts">
        <Row term="Name">{key.name ?? <span className="muted">No name</span>}</Row>
        <Row term="Key id">
          <span className="c-id">{key.id}</span>
        </Row>
        <Row term="Starts with">
          <span className="key-start">{key.start}…</span>
          {api.prefix ? <span className="muted"> (prefix {api.prefix})</span> : null}
        </Row>
        <Row term="API">
          {api.name} <span className="c-id">{api.id}</span>
        </Row>
        <Row term="Owner" testId="key-owner">
          {identity ? (
            <>
              <Link prefetch={false} href={`${base}/sessions?${new URLSearchParams({ externalId: identity.externalId })}`}>
                {identity.externalId}
              </Link>{" "}
              <span className="c-id">{identity.id}</span>
            </>
          ) : (
            <span className="muted">No owner</span>
          )}
        </Row>
        <Row term="Enabled" testId="key-enabled">
          {key.enabled ? "Yes" : "No — verifications answer DISABLED"}
        </Row>
        <Row term="Created">
          <At at={key.createdAt} now={now} />
        </Row>
        {key.updatedAt ? (
          <Row term="Updated">
            <At at={key.updatedAt} now={now} />
          </Row>
        ) : null}
        <Row term="Last used">{key.lastUsedAt ? <At at={key.lastUsedAt} now={now} /> : <span className="muted">Never</span>}</Row>
        <Row term="Expires">{key.expiresAt ? <At at={key.expiresAt} now={now} /> : <span className="muted">Never</span>}</Row>
        <Row term="Permissions">
          {key.permissions.length ? (
            <span className="c-perms">
              {key.permissions.map((p) => (
                <code key={p} className="c-perm">
                  {p}
                </code>
              ))}
            </span>
          ) : (
            <span className="muted">None</span>
          )}
        </Row>
      </dl>
      <h3 className="c-subhead">Meta</h3>
      {meta ? (
        <>
          <pre className="c-json" tabIndex={0} aria-label="The key's meta as JSON" data-testid="key-meta">
            <code>{meta.length > META_SHOWN ? `${meta.slice(0, META_SHOWN)}\n…` : meta}</code>
          </pre>
          {meta.length > META_SHOWN ? <p className="c-muted-note">Cut at {META_SHOWN.toLocaleString("en")} characters; keys.getKey answers all of it.</p> : null}
        </>
      ) : (
        <p className="muted">No meta.</p>
      )}
    </section>
  );
}
