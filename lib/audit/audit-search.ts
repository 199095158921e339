import { ApiError, type FieldError } from "@/lib/api/errors";
import { instantOfWallTime } from "@/lib/ui/time-zone";
import { ACTOR_TYPES, AUDIT_EVENTS, type AuditEvent } from "@/lib/audit/write-audit";

/**
 * The console's audit filters as they travel in a URL (the list page and its export share them,
 * docs/console.md "Audit log and usage"): `actorType`, `actor` (the actor's id), `action` (one
 * event name), `resource` (an id), `from` and `to` (wall-clock times in the viewer's zone, to the
 * minute; `to` counts its whole minute). Parsed once here into the filters of audit.listEvents.
 */
export const AUDIT_SEARCH_KEYS = ["actorType", "actor", "action", "resource", "from", "to"] as const;
export type AuditSearchKey = (typeof AUDIT_SEARCH_KEYS)[number];
export type AuditSearchValues = Record<AuditSearchKey, string>;

type ActorType = (typeof ACTOR_TYPES)[number];

/** The filters of audit.listEvents without its paging. */
export type AuditSearchQuery = {
  actorType?: ActorType;
  actorId?: string;
  events?: AuditEvent[];
  resourceId?: string;
  since?: number;
  until?: number;
};

export type ParsedAuditSearch = {
  /** What was asked, trimmed: the form shows it back. */
  values: AuditSearchValues;
  /** One per bad field, `location` naming the parameter (`query.action`). */
  errors: FieldError[];
  /** The filters, when every field is valid. */
  query?: AuditSearchQuery;
};

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function read(params: Params, key: string): string {
  const v = params instanceof URLSearchParams ? params.get(key) : params[key];
  return (typeof v === "string" ? v : "").trim();
}

export function parseAuditSearch(params: Params, timeZone: string): ParsedAuditSearch {
  const values = Object.fromEntries(AUDIT_SEARCH_KEYS.map((k) => [k, read(params, k)])) as AuditSearchValues;
  const errors: FieldError[] = [];
  const query: AuditSearchQuery = {};
  const bad = (key: AuditSearchKey, message: string, fix: string) => errors.push({ location: `query.${key}`, message, fix });

  if (values.actorType) {
    if ((ACTOR_TYPES as readonly string[]).includes(values.actorType)) query.actorType = values.actorType as ActorType;
    else bad("actorType", `"${values.actorType.slice(0, 40)}" is not a kind of actor.`, `Use one of: ${ACTOR_TYPES.join(", ")}.`);
  }
  if (values.actor) {
    if (values.actor.length <= 256) query.actorId = values.actor;
    else bad("actor", "The actor id is longer than 256 characters.", "Paste the id as the log shows it (key_…, an end user's externalId, operator).");
  }
  if (values.action) {
    if ((AUDIT_EVENTS as readonly string[]).includes(values.action)) query.events = [values.action as AuditEvent];
    else bad("action", `"${values.action.slice(0, 40)}" is not an action the log records.`, "Pick an action from the list.");
  }
  if (values.resource) {
    if (values.resource.length <= 256) query.resourceId = values.resource;
    else bad("resource", "The resource id is longer than 256 characters.", "Paste the id as the log shows it (key_…, api_…, pc_…).");
  }
  const time = (key: "from" | "to") => {
    if (!values[key]) return undefined;
    const at = instantOfWallTime(values[key], timeZone);
    if (at === undefined) bad(key, `"${values[key].slice(0, 40)}" is not a date and time.`, "Write it as 2026-11-27T14:30 (your time zone), or pick it in the calendar.");
    return at;
  };
  const from = time("from");
  const to = time("to");
  if (from !== undefined) query.since = from;
  // `to` names a minute (or, with seconds, a second) and includes all of it.
  if (to !== undefined) query.until = to + (values.to.length > 16 ? 1000 : 60_000);
  if (query.since !== undefined && query.until !== undefined && query.since >= query.until) {
    bad("to", "The end of the time range is before its start.", "Pick a “to” time after the “from” time, or leave one of them empty.");
  }
  return errors.length ? { values, errors } : { values, errors, query };
}

/** The search as URL parameters, empty fields left out, for the page's links (next page, export). */
export function auditSearchParams(values: AuditSearchValues, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const k of AUDIT_SEARCH_KEYS) if (values[k]) params.set(k, values[k]);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params;
}

/** The 400 a bad search earns where an answer cannot show a form (the export): every problem named. */
export function auditSearchError(errors: FieldError[]): ApiError {
  return new ApiError("unkey/application/invalid_input", errors.map((e) => e.message).join(" "), { errors });
}
