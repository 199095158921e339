import Link from "next/link";
import type { FieldError } from "@/lib/api/errors";
import type { AuditSearchKey, AuditSearchValues } from "@/lib/audit/audit-search";
import { actorLabel } from "@/lib/ui/audit-labels";

/**
 * The audit log's filters as a plain GET form (works without script; the address is the search, so it
 * can be shared and the export link repeats it). A bad field is marked and described next to itself.
 */
export function AuditFilterForm({
  base,
  values,
  errors,
  actions,
  actorTypes,
  zone,
}: {
  base: string;
  values: AuditSearchValues;
  errors: FieldError[];
  actions: readonly string[];
  actorTypes: readonly string[];
  zone: string;
}) {
  const errorOf = (key: AuditSearchKey) => errors.find((e) => e.location === `query.${key}`);
  const invalid = (key: AuditSearchKey) => (errorOf(key) ? { "aria-invalid": true as const, "aria-describedby": `audit-${key}-error` } : {});
  const message = (key: AuditSearchKey) => {
    const e = errorOf(key);
    return e ? (
      <p className="form-error" id={`audit-${key}-error`}>
        {e.message} {e.fix}
      </p>
    ) : null;
  };
  const filtered = Object.values(values).some(Boolean);

  return (
    <form method="get" action={base} className="card card-pad c-audit-filters" aria-label="Filter the audit log" data-testid="audit-filters">
      <div className="c-filter-grid">
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <select id="audit-action" name="action" className="select" defaultValue={actions.includes(values.action) ? values.action : ""} {...invalid("action")}>
            <option value="">Any action</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
          {message("action")}
        </div>
        <div className="field">
          <label htmlFor="audit-actor-type">Actor kind</label>
          <select id="audit-actor-type" name="actorType" className="select" defaultValue={actorTypes.includes(values.actorType) ? values.actorType : ""} {...invalid("actorType")}>
            <option value="">Anyone</option>
            {actorTypes.map((t) => (
              <option key={t} value={t}>
                {actorLabel(t)}
              </option>
            ))}
          </select>
          {message("actorType")}
        </div>
        <div className="field">
          <label htmlFor="audit-actor">Actor id</label>
          <input id="audit-actor" name="actor" className="input" defaultValue={values.actor} placeholder="key_…, externalId, cs_…" autoComplete="off" spellCheck={false} maxLength={300} {...invalid("actor")} />
          {message("actor")}
        </div>
        <div className="field">
          <label htmlFor="audit-resource">Resource id</label>
          <input id="audit-resource" name="resource" className="input" defaultValue={values.resource} placeholder="key_…, api_…, pc_…" autoComplete="off" spellCheck={false} maxLength={300} {...invalid("resource")} />
          {message("resource")}
        </div>
        <div className="field c-filter-wide">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" name="from" type="datetime-local" className="input" defaultValue={values.from} aria-describedby={errorOf("from") ? "audit-from-error" : "audit-zone"} aria-invalid={errorOf("from") ? true : undefined} />
          {message("from")}
        </div>
        <div className="field c-filter-wide">
          <label htmlFor="audit-to">To (that minute included)</label>
          <input id="audit-to" name="to" type="datetime-local" className="input" defaultValue={values.to} aria-describedby={errorOf("to") ? "audit-to-error" : "audit-zone"} aria-invalid={errorOf("to") ? true : undefined} />
          {message("to")}
        </div>
      </div>
      <div className="c-filter-foot">
        <p className="hint muted" id="audit-zone">
          Times in {zone}.
        </p>
        <div className="c-actions">
          {filtered ? (
            <Link href={base} className="btn btn-ghost">
              Clear filters
            </Link>
          ) : null}
          <button type="submit" className="btn btn-primary">
            Apply filters
          </button>
        </div>
      </div>
    </form>
  );
}
