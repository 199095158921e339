#!/usr/bin/env node
// @ts-check
// The operator CLI (README "CLI"). Plain Node, no build step: it talks HTTP to a running Keyport server
// (the PGlite data folder belongs to the server process alone), authenticated by the operator token.
//
// Exit codes: 0 success · 1 the server refused, failed or could not be reached · 2 bad input
// (checked here, before anything is sent).
import { readFileSync } from "node:fs";
import path from "node:path";

const SLUG_RULE =
  "a slug is 3–64 characters of lowercase letters a–z, digits 0–9 and single hyphens, and does not start or end with a hyphen";
const SLUG = /^[a-z0-9](?:[a-z0-9]|-(?!-)){1,62}[a-z0-9]$/;
const PERMISSION = /^(\*|[a-z_]+(\.([A-Za-z0-9_]+|\*))*\.[a-z_]+)$/;
const PREFIX = /^[A-Za-z0-9_]{1,16}$/;
const LOCALHOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

class UsageError extends Error {}

/** @typedef {(value: string) => string | null} Check  The problem with a value, or null when it is fine. */
/**
 * @typedef {object} FlagSpec
 * @property {"value" | "multi" | "bool"} kind  value: one string · multi: repeatable, a list · bool: a switch
 * @property {boolean} [required]
 * @property {Check} [check]
 * @property {string} help
 */
/**
 * Parsed flags. A flag name means the same kind of flag in every command, so one shape covers them all;
 * a command only ever sees its own flags and the global ones. Multi flags are [] when not given.
 * @typedef {{
 *   workspace?: string,
 *   slug?: string,
 *   portal?: string,
 *   name?: string,
 *   "new-slug"?: string,
 *   "logo-url"?: string,
 *   "primary-color"?: string,
 *   "return-url"?: string,
 *   session?: string,
 *   "max-keys"?: string,
 *   "api-base-url"?: string,
 *   "docs-file"?: string,
 *   "key-id"?: string,
 *   actor?: string,
 *   "actor-type"?: string,
 *   resource?: string,
 *   since?: string,
 *   until?: string,
 *   limit?: string,
 *   cursor?: string,
 *   event?: string[],
 *   prefix?: string,
 *   url?: string,
 *   permission?: string[],
 *   api?: string[],
 *   "embed-origin"?: string[],
 *   "show-key-meta"?: true,
 *   "hide-key-meta"?: true,
 *   disabled?: true,
 *   json?: true,
 *   help?: true,
 * }} FlagValues
 */
/** @typedef {{ endpoint: string, body: Record<string, unknown> }} OperatorRequest */
/** @typedef {{ hasMore: boolean, cursor?: string }} Page  A list answer's `pagination`. */
/** @typedef {{ id: string, time: number, actor: { type: string, id: string }, event: string, resourceId?: string }} AuditEvent */
/**
 * A command. `data` is the server's JSON answer (`data` of the operator API's envelope), which the CLI
 * trusts to have the shape the command reads: json/human are methods so that each command can declare
 * that shape for its own `data` (method parameters are compared both ways).
 * @typedef {{
 *   summary: string,
 *   flags: Record<string, FlagSpec>,
 *   request(f: FlagValues): OperatorRequest,
 *   json(data: unknown, f: FlagValues, page?: Page): unknown,
 *   human(data: unknown, f: FlagValues, page?: Page): string,
 * }} Command
 */

// What the commands read from the server's answers (docs/api.md, "Operator API", lists the full objects).
/** @typedef {{ workspaceId: string, name: string, slug?: string | null, createdAt: number }} Workspace */
/** @typedef {{ keyId: string, start: string, name?: string | null, permissions: string[], createdAt: number }} RootKey */
/**
 * @typedef {{
 *   portalId: string, slug: string, enabled: boolean, displayName: string, apiIds: string[],
 *   sessionPolicy: string, maxKeys: number, showKeyMeta: boolean,
 *   logoUrl?: string | null, primaryColor?: string | null, returnUrl?: string | null, embedOrigins?: string[],
 * }} Portal
 */
/**
 * @typedef {{
 *   workspaceId: string, workspaceName: string, apiId: string, externalId: string, keys: unknown[],
 *   slug: string, portalId: string, rootKey: string, portalUrl: string, publicUrl: string,
 * }} Demo
 */

// ---------------------------------------------------------------------------------------------
// Local checks: the same rules the server enforces, so bad input fails fast and names its flag.

/** @param {string} value */
function httpsOrLocal(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === "https:" && url.hostname !== "") || (url.protocol === "http:" && LOCALHOSTS.has(url.hostname));
}

/**
 * The server's embed-origin rule (lib/portal-configs/embed-origins.ts): https://host[:port], an optional
 * leading `*.` label, or http://localhost:<port> / http://127.0.0.1:<port>; no path.
 * @param {string} v
 */
function embedOriginProblem(v) {
  const rule =
    "an embed origin is https://host[:port] (optionally https://*.example.com), or http://localhost:<port> or http://127.0.0.1:<port> for development, with no path";
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(\*\.)?([^/?#\\@*]*)\/?$/.exec(v);
  if (!m || v.length > 300 || /[\u0000-\u0020\u007f-\u009f]/.test(v)) return rule;
  const scheme = (m[1] ?? "").toLowerCase();
  let url;
  try {
    url = new URL(`${scheme}://${m[3]}`);
  } catch {
    return rule;
  }
  const labels = url.hostname.split(".");
  if (scheme === "http") return !m[2] && (url.hostname === "localhost" || url.hostname === "127.0.0.1") && url.port ? null : rule;
  if (scheme !== "https" || url.hostname.startsWith("[")) return rule;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(url.hostname)) return m[2] ? rule : null;
  if (!labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l))) return rule;
  return labels.length >= 2 || (url.hostname === "localhost" && !m[2]) ? null : rule;
}

/** @satisfies {Record<string, Check>} */
const checks = {
  slug: (v) => (SLUG.test(v) ? null : SLUG_RULE),
  name: (v) => (v.trim().length >= 1 && v.length <= 200 ? null : "a name is 1–200 characters"),
  apiName: (v) => (v.trim().length >= 3 && v.length <= 200 ? null : "an API name is 3–200 characters"),
  prefix: (v) => (PREFIX.test(v) ? null : "a prefix is 1–16 characters of A–Z, a–z, 0–9 and _"),
  permission: (v) =>
    PERMISSION.test(v) ? null : "a permission is `*` or dot-separated segments such as api.*.create_key or portal.*.create_portal_session",
  workspace: (v) => (/^ws_[A-Za-z0-9]+$/.test(v) ? null : "a workspace id looks like ws_… (see `keyport workspace list`)"),
  api: (v) => (/^api_[A-Za-z0-9]+$/.test(v) ? null : "an API id looks like api_… (see `keyport api create`)"),
  keyId: (v) => (/^key_[A-Za-z0-9]+$/.test(v) ? null : "a root key id looks like key_… (see `keyport root-key list`)"),
  colour: (v) => (/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(v) ? null : "a colour is #rgb or #rrggbb in hex digits"),
  logoUrl: (v) =>
    v.length <= 500 && !CONTROL.test(v) && !/["'<>`\\\s()]/.test(v) && httpsOrLocal(v)
      ? null
      : "a logo URL is an absolute https URL (or http to localhost) of at most 500 characters, without quotes, angle brackets, backslashes, spaces or control characters",
  returnUrl: (v) =>
    v.length <= 500 && !CONTROL.test(v) && httpsOrLocal(v)
      ? null
      : "a return URL is an absolute https URL (or http to localhost) of at most 500 characters, without control characters",
  session: (v) => (v === "fixed" || v === "sliding" ? null : "the session policy is fixed or sliding"),
  maxKeys: (v) => (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 1000 ? null : "the key cap is a whole number from 1 to 1000"),
  docs: (v) => (v.length <= 5000 ? null : "the docs text is at most 5000 characters"),
  time: (v) => (parseTime(v) === undefined ? "a time is an ISO 8601 date or date-time (2026-11-28, 2026-11-28T09:30Z) or unix milliseconds" : null),
  limit: (v) => (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 100 ? null : "the page size is a whole number from 1 to 100"),
  actorType: (v) => (["root_key", "portal_user", "operator", "console"].includes(v) ? null : "the actor type is root_key, portal_user, operator or console"),
  consoleSession: (v) => (/^cs_[A-Za-z0-9]+$/.test(v) ? null : "a console session id looks like cs_… (the audit log's console.session.create names it)"),
  event: (v) => (/^[a-z_]+(\.[a-z_]+)+$/.test(v) ? null : "an audit action looks like key.create or portal.session.revoke (docs/api.md lists them)"),
  embedOrigin: embedOriginProblem,
};

/**
 * Unix ms from `2026-11-28`, `2026-11-28T09:30Z` or `1795824000000`; undefined when it is none of them.
 * @param {string} v
 */
function parseTime(v) {
  if (/^\d{1,16}$/.test(v)) return Number(v);
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * An empty value clears an optional setting on `portal update`.
 * @param {Check} check
 * @returns {Check}
 */
const clearable = (check) => (v) => (v === "" ? null : check(v));

// ---------------------------------------------------------------------------------------------
// Commands. Each declares its flags (kind: value | multi | bool), builds a request, and shapes
// both outputs: `json` is exactly the object README "CLI" documents, `human` is for people.

/** @satisfies {Record<string, FlagSpec>} */
const portalRef = {
  workspace: { kind: "value", required: true, check: checks.workspace, help: "workspace id (ws_…)" },
  slug: { kind: "value", check: checks.slug, help: "the portal's slug" },
  portal: { kind: "value", check: (v) => (/^pc_[A-Za-z0-9]+$/.test(v) ? null : "a portal id looks like pc_…"), help: "or the portal's id (pc_…)" },
};

/** @param {FlagValues} f */
function refBody(f) {
  if (!f.slug && !f.portal) throw new UsageError("--slug: name the portal with --slug S (or --portal pc_…)");
  if (f.slug && f.portal) throw new UsageError("--portal: give --slug or --portal, not both");
  return { workspaceId: f.workspace, portal: f.slug ?? f.portal };
}

/**
 * @param {boolean} clear  for `portal update`, where "" clears a setting
 * @returns {Record<string, FlagSpec>}
 */
const brandingFlags = (clear) => {
  /** @type {(check: Check) => Check} */
  const c = clear ? clearable : (x) => x;
  return {
    name: { kind: "value", check: checks.name, help: "display name shown in the portal" },
    "logo-url": { kind: "value", check: c(checks.logoUrl), help: "https URL of a logo image" + (clear ? ' ("" clears)' : "") },
    "primary-color": { kind: "value", check: c(checks.colour), help: "#rgb or #rrggbb" + (clear ? ' ("" clears)' : "") },
    "return-url": { kind: "value", check: c(checks.returnUrl), help: "default link back to your app" + (clear ? ' ("" clears)' : "") },
    session: { kind: "value", check: checks.session, help: "fixed (24 h, default) or sliding (24 h idle, 7 d cap)" },
    "max-keys": { kind: "value", check: checks.maxKeys, help: "live keys per end user, 1–1000 (default 20)" },
    "api-base-url": { kind: "value", check: c(checks.returnUrl), help: "base URL of your API, shown in the portal's docs" },
    "docs-file": { kind: "value", help: "a Markdown file (≤5000 chars) shown in the portal" },
    "embed-origin": {
      kind: "multi",
      check: c(checks.embedOrigin),
      help: "an origin allowed to frame the portal (repeatable, up to 20)" + (clear ? '; replaces the list, "" clears it' : ""),
    },
    "show-key-meta": { kind: "bool", help: "show each key's meta to its end user (off by default)" },
    ...(clear ? { "hide-key-meta": { kind: "bool", help: "stop showing key meta in the portal" } } : {}),
  };
};

/**
 * @param {FlagValues} f
 * @param {boolean} clear
 */
function brandingBody(f, clear) {
  /** @param {string | undefined} x */
  const v = (x) => (x === undefined ? undefined : clear && x === "" ? null : x);
  let docsMarkdown;
  if (f["docs-file"] !== undefined) {
    try {
      docsMarkdown = readFileSync(f["docs-file"], "utf8");
    } catch (err) {
      const { code, message } = /** @type {NodeJS.ErrnoException} */ (err);
      throw new UsageError(`--docs-file: cannot read ${f["docs-file"]} (${code ?? message})`);
    }
    const problem = checks.docs(docsMarkdown);
    if (problem) throw new UsageError(`--docs-file: ${problem}`);
  }
  if (f["show-key-meta"] && f["hide-key-meta"]) throw new UsageError("--show-key-meta: give --show-key-meta or --hide-key-meta, not both");
  const origins = f["embed-origin"] ?? [];
  if (origins.includes("") && origins.length > 1) throw new UsageError('--embed-origin: "" clears the list; give it alone');
  if (origins.length > 20) throw new UsageError("--embed-origin: a portal has at most 20 embed origins");
  return {
    displayName: f.name,
    logoUrl: v(f["logo-url"]),
    primaryColor: v(f["primary-color"]),
    returnUrl: v(f["return-url"]),
    sessionPolicy: f.session,
    maxKeys: f["max-keys"] === undefined ? undefined : Number(f["max-keys"]),
    apiBaseUrl: v(f["api-base-url"]),
    docsMarkdown,
    showKeyMeta: f["show-key-meta"] ? true : f["hide-key-meta"] ? false : undefined,
    embedOrigins: origins.length === 0 ? undefined : origins.filter((o) => o !== ""),
  };
}

/** @param {Portal} p */
function portalHuman(p) {
  return [
    `${p.slug}  (${p.portalId})  ${p.enabled ? "enabled" : "DISABLED"}`,
    `  name:     ${p.displayName}`,
    `  APIs:     ${p.apiIds.join(", ") || "(none)"}`,
    `  session:  ${p.sessionPolicy}, up to ${p.maxKeys} keys per user`,
    `  key meta: ${p.showKeyMeta ? "shown to end users" : "hidden"}`,
    ...(p.logoUrl ? [`  logo:     ${p.logoUrl}`] : []),
    ...(p.primaryColor ? [`  colour:   ${p.primaryColor}`] : []),
    ...(p.returnUrl ? [`  return:   ${p.returnUrl}`] : []),
    ...(p.embedOrigins?.length ? [`  framed by: ${p.embedOrigins.join(", ")}`] : []),
  ].join("\n");
}

/**
 * @template T
 * @param {T[]} rows
 * @param {[heading: string, get: (row: T) => unknown][]} columns
 */
function table(rows, columns) {
  if (rows.length === 0) return "(none)";
  const widths = columns.map(([h, get]) => Math.max(h.length, ...rows.map((r) => String(get(r) ?? "").length)));
  /** @param {unknown[]} cells */
  const line = (cells) => cells.map((c, i) => String(c ?? "").padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return [line(columns.map(([h]) => h)), ...rows.map((r) => line(columns.map(([, get]) => get(r))))].join("\n");
}

const when = (/** @type {number} */ ms) => new Date(ms).toISOString().replace("T", " ").slice(0, 16);

/**
 * @param {string} endpoint
 * @param {string} summary
 * @param {string} done  the verb the human output starts with
 * @returns {Command}
 */
const portalConfigCommand = (endpoint, summary, done) => ({
  summary,
  flags: portalRef,
  request: (f) => ({ endpoint, body: refBody(f) }),
  json: (d) => d,
  human: (/** @type {Portal} */ d) => `${done} portal ${d.slug}\n${portalHuman(d)}`,
});

/** @type {Record<string, Command>} */
const COMMANDS = {
  "workspace create": {
    summary: "create a workspace and its first root key (holding *)",
    flags: {
      name: { kind: "value", required: true, check: checks.name, help: "workspace name" },
      slug: { kind: "value", check: checks.slug, help: "optional unique slug" },
    },
    request: (f) => ({ endpoint: "workspaces.create", body: { name: f.name, slug: f.slug } }),
    json: (/** @type {{ workspaceId: string, rootKey: string }} */ d) => ({ workspaceId: d.workspaceId, rootKey: d.rootKey }),
    human: (/** @type {{ workspaceId: string, rootKey: string }} */ d) =>
      `Created workspace ${d.workspaceId}\nRoot key (holds *; shown once, store it in your backend's secrets now):\n  ${d.rootKey}`,
  },
  "workspace list": {
    summary: "list every workspace",
    flags: {},
    request: () => ({ endpoint: "workspaces.list", body: {} }),
    json: (/** @type {{ workspaces: Workspace[] }} */ d) => ({ workspaces: d.workspaces }),
    human: (/** @type {{ workspaces: Workspace[] }} */ d) =>
      table(d.workspaces, [
        ["ID", (w) => w.workspaceId],
        ["NAME", (w) => w.name],
        ["SLUG", (w) => w.slug ?? ""],
        ["CREATED", (w) => when(w.createdAt)],
      ]),
  },
  "root-key create": {
    summary: "issue a root key for a workspace",
    flags: {
      workspace: { kind: "value", required: true, check: checks.workspace, help: "workspace id (ws_…)" },
      permission: { kind: "multi", check: checks.permission, help: "a permission (repeatable); default *" },
      name: { kind: "value", check: checks.name, help: "a label for the key" },
    },
    request: (f) => ({
      endpoint: "rootKeys.create",
      body: { workspaceId: f.workspace, permissions: f.permission?.length ? f.permission : undefined, name: f.name },
    }),
    json: (/** @type {{ keyId: string, rootKey: string }} */ d) => ({ keyId: d.keyId, rootKey: d.rootKey }),
    human: (/** @type {{ keyId: string, rootKey: string, permissions: string[] }} */ d) => `Created root key ${d.keyId} with ${d.permissions.join(", ")}\nRoot key (shown once):\n  ${d.rootKey}`,
  },
  "root-key list": {
    summary: "list a workspace's root keys",
    flags: { workspace: { kind: "value", required: true, check: checks.workspace, help: "workspace id (ws_…)" } },
    request: (f) => ({ endpoint: "rootKeys.list", body: { workspaceId: f.workspace } }),
    json: (/** @type {{ rootKeys: RootKey[] }} */ d) => ({ rootKeys: d.rootKeys }),
    human: (/** @type {{ rootKeys: RootKey[] }} */ d) =>
      table(d.rootKeys, [
        ["ID", (k) => k.keyId],
        ["START", (k) => `${k.start}…`],
        ["NAME", (k) => k.name ?? ""],
        ["PERMISSIONS", (k) => k.permissions.join(",")],
        ["CREATED", (k) => when(k.createdAt)],
      ]),
  },
  "root-key revoke": {
    summary: "revoke a root key at once",
    flags: { "key-id": { kind: "value", required: true, check: checks.keyId, help: "root key id (key_…)" } },
    request: (f) => ({ endpoint: "rootKeys.revoke", body: { keyId: f["key-id"] } }),
    json: () => ({ revoked: true }),
    human: (_d, f) => `Revoked root key ${f["key-id"]}`,
  },
  "api create": {
    summary: "create an API (a keyspace) in a workspace",
    flags: {
      workspace: { kind: "value", required: true, check: checks.workspace, help: "workspace id (ws_…)" },
      name: { kind: "value", required: true, check: checks.apiName, help: "API name" },
      prefix: { kind: "value", check: checks.prefix, help: "default key prefix, e.g. sk" },
    },
    request: (f) => ({ endpoint: "apis.create", body: { workspaceId: f.workspace, name: f.name, prefix: f.prefix } }),
    json: (/** @type {{ apiId: string }} */ d) => ({ apiId: d.apiId }),
    human: (/** @type {{ apiId: string }} */ d) => `Created API ${d.apiId}`,
  },
  "portal create": {
    summary: "provision a portal for one or more APIs",
    flags: {
      workspace: portalRef.workspace,
      slug: { ...portalRef.slug, required: true },
      api: { kind: "multi", required: true, check: checks.api, help: "an API the portal covers (repeatable)" },
      ...brandingFlags(false),
      disabled: { kind: "bool", help: "create it disabled" },
    },
    request: (f) => ({
      endpoint: "portals.create",
      body: { workspaceId: f.workspace, slug: f.slug, apiIds: f.api, ...brandingBody(f, false), enabled: f.disabled ? false : undefined },
    }),
    json: (/** @type {Portal} */ d) => ({ portalId: d.portalId, slug: d.slug }),
    human: (/** @type {Portal} */ d) => `Created portal ${d.slug}\n${portalHuman(d)}`,
  },
  "portal list": {
    summary: "list a workspace's portals",
    flags: { workspace: portalRef.workspace },
    request: (f) => ({ endpoint: "portals.list", body: { workspaceId: f.workspace } }),
    json: (/** @type {{ portals: Portal[] }} */ d) => ({ portals: d.portals }),
    human: (/** @type {{ portals: Portal[] }} */ d) => (d.portals.length ? d.portals.map(portalHuman).join("\n\n") : "(no portals)"),
  },
  "portal get": portalConfigCommand("portals.get", "show one portal", "Portal"),
  "portal update": {
    summary: "change a portal's settings (an empty value clears an optional one)",
    flags: {
      ...portalRef,
      "new-slug": { kind: "value", check: checks.slug, help: "rename the slug" },
      api: { kind: "multi", check: checks.api, help: "replace the covered APIs (repeatable)" },
      ...brandingFlags(true),
    },
    request: (f) => ({
      endpoint: "portals.update",
      body: { ...refBody(f), slug: f["new-slug"], apiIds: f.api?.length ? f.api : undefined, ...brandingBody(f, true) },
    }),
    json: (d) => d,
    human: (/** @type {Portal} */ d) => `Updated portal ${d.slug}\n${portalHuman(d)}`,
  },
  "portal disable": portalConfigCommand("portals.disable", "disable a portal (its sessions answer 403 at once)", "Disabled"),
  "portal enable": portalConfigCommand("portals.enable", "enable a portal again", "Enabled"),
  "portal delete": portalConfigCommand("portals.delete", "delete a portal; its sessions end", "Deleted"),
  audit: {
    summary: "a workspace's audit log, newest first (filters: --event, --actor, --resource, --since, --until)",
    flags: {
      workspace: { kind: "value", required: true, check: checks.workspace, help: "workspace id (ws_…)" },
      event: { kind: "multi", check: checks.event, help: "only this action, e.g. key.create (repeatable)" },
      actor: { kind: "value", check: checks.name, help: "only this actor: a root key id (key_…), an end user's externalId, operator, or a console session (cs_…)" },
      "actor-type": { kind: "value", check: checks.actorType, help: "only root_key, portal_user, operator or console" },
      resource: { kind: "value", check: checks.name, help: "only events about this resource id" },
      since: { kind: "value", check: checks.time, help: "from this time (ISO 8601 or unix ms), inclusive" },
      until: { kind: "value", check: checks.time, help: "before this time (ISO 8601 or unix ms)" },
      limit: { kind: "value", check: checks.limit, help: "events per page, 1–100 (default 50)" },
      cursor: { kind: "value", check: checks.name, help: "the next page: the cursor a previous page printed" },
    },
    request: (f) => ({
      endpoint: "audit.list",
      body: {
        workspaceId: f.workspace,
        events: f.event?.length ? f.event : undefined,
        actorId: f.actor,
        actorType: f["actor-type"],
        resourceId: f.resource,
        since: f.since === undefined ? undefined : parseTime(f.since),
        until: f.until === undefined ? undefined : parseTime(f.until),
        limit: f.limit === undefined ? undefined : Number(f.limit),
        cursor: f.cursor,
      },
    }),
    json: (/** @type {AuditEvent[]} */ d, _f, page) => ({ events: d, cursor: page?.cursor }),
    human: (/** @type {AuditEvent[]} */ d, f, page) =>
      [
        table(d, [
          ["TIME (UTC)", (e) => when(e.time)],
          ["ACTOR", (e) => `${e.actor.type}:${e.actor.id}`],
          ["EVENT", (e) => e.event],
          ["RESOURCE", (e) => e.resourceId ?? ""],
        ]),
        ...(page?.cursor ? [`More: keyport audit --workspace ${f.workspace} … --cursor ${page.cursor}`] : []),
      ].join("\n"),
  },
  "console-link": {
    summary: "a one-time link that signs a browser in to the console (operator view, or one workspace's admin view)",
    flags: { workspace: { kind: "value", check: checks.workspace, help: "open only this workspace, as its admin (default: the operator view, every workspace)" } },
    request: (f) => ({ endpoint: "console.createLink", body: { workspaceId: f.workspace } }),
    json: (/** @type {{ url: string, expiresAt: number }} */ d) => ({ url: d.url, expiresAt: d.expiresAt }),
    human: (/** @type {{ url: string, expiresAt: number }} */ d, f) =>
      [
        f.workspace ? `Console link for workspace ${f.workspace} (its admin view only).` : "Console link for the operator view (every workspace).",
        `Open it within 15 minutes (until ${when(d.expiresAt)} UTC); it works once:`,
        `  ${d.url}`,
      ].join("\n"),
  },
  "console-revoke": {
    summary: "end console sessions at once: every one, one workspace's (--workspace) or one (--session)",
    flags: {
      workspace: { kind: "value", check: checks.workspace, help: "only the sessions of this workspace's admin view" },
      session: { kind: "value", check: checks.consoleSession, help: "only this console session (cs_…)" },
    },
    request: (f) => ({ endpoint: "console.revokeSessions", body: { workspaceId: f.workspace, sessionId: f.session } }),
    json: (/** @type {{ revoked: number }} */ d) => ({ revoked: d.revoked }),
    human: (/** @type {{ revoked: number }} */ d) => `Ended ${d.revoked} console session${d.revoked === 1 ? "" : "s"}.`,
  },
  demo: {
    summary: "seed a demo workspace, API, user with keys and a branded portal; print a portal link",
    flags: {},
    request: () => ({ endpoint: "demo", body: {} }),
    json: (d) => d,
    human: (/** @type {Demo} */ d) =>
      [
        `Demo workspace ${d.workspaceId} ("${d.workspaceName}") is ready.`,
        `  API:       ${d.apiId}`,
        `  End user:  ${d.externalId} with ${d.keys.length} keys`,
        `  Portal:    ${d.slug} (${d.portalId})`,
        `  Root key:  ${d.rootKey}   (holds *; shown once)`,
        "",
        "Open this link within 15 minutes (it works once):",
        `  ${d.portalUrl}`,
        "",
        "Mint another link from your own backend:",
        `  curl -X POST ${d.publicUrl}/v2/portal.createSession \\`,
        `    -H "Authorization: Bearer ${d.rootKey}" -H "Content-Type: application/json" \\`,
        `    -d '{"slug":"${d.slug}","externalId":"${d.externalId}","permissions":["api.*.read_key","api.*.create_key","api.*.reroll_key","api.*.update_key","api.*.delete_key","api.*.read_analytics"]}'`,
      ].join("\n"),
  },
};

/** @satisfies {Record<string, FlagSpec>} */
const GLOBAL_FLAGS = {
  url: { kind: "value", help: "server address (default: $KEYPORT_URL, else http://localhost:$PORT, else the address the local server wrote into its data folder, else http://localhost:3000)" },
  json: { kind: "bool", help: "print exactly one JSON object" },
  help: { kind: "bool", help: "show help" },
};

// ---------------------------------------------------------------------------------------------

/**
 * @param {string} name
 * @param {Command} spec
 */
function usageLine(name, spec) {
  const parts = Object.entries(spec.flags).map(([flag, s]) => {
    const v = s.kind === "bool" ? `--${flag}` : `--${flag} ${flag === "key-id" ? "K" : flag.toUpperCase().replace(/-/g, "_")}`;
    const shown = s.kind === "multi" ? `${v}…` : v;
    return s.required ? shown : `[${shown}]`;
  });
  return `keyport ${name} ${parts.join(" ")}`.trimEnd();
}

/** @param {string} prefix  a command or command group; "" for all */
function help(prefix) {
  const names = Object.keys(COMMANDS).filter((n) => !prefix || n === prefix || n.startsWith(prefix + " "));
  const only = names.length === 1 ? names[0] : undefined;
  const spec = only === undefined ? undefined : COMMANDS[only];
  if (only !== undefined && spec) {
    /** @type {Record<string, FlagSpec>} */
    const flags = { ...spec.flags, ...GLOBAL_FLAGS };
    const flagLines = Object.entries(flags).map(([flag, s]) => `  --${flag.padEnd(18)} ${s.help}${s.required ? " (required)" : ""}`);
    return [`${usageLine(only, spec)}\n`, `${spec.summary}\n`, "Flags:", ...flagLines].join("\n");
  }
  return [
    "keyport — operate a Keyport server (npx --no-install keyport <command>)",
    "",
    "Commands:",
    ...names.map((n) => `  ${n.padEnd(18)} ${COMMANDS[n]?.summary}`),
    "",
    "Global flags:",
    ...Object.entries(GLOBAL_FLAGS).map(([flag, s]) => `  --${flag.padEnd(18)} ${s.help}`),
    "",
    "The operator token comes from KEYPORT_OPERATOR_TOKEN, else <KEYPORT_DATA_DIR or ./.data>/operator-token.",
    "Exit codes: 0 ok, 1 server error or unreachable, 2 bad input.",
    "Run `keyport <command> --help` for a command's flags.",
  ].join("\n");
}

/**
 * Splits argv into the command name and its flags, checking every flag against the command's list.
 * @param {string[]} argv
 * @returns {{ help: true, prefix: string } | { help?: undefined, name: string, spec: Command, values: FlagValues }}
 */
function parse(argv) {
  const firstFlag = argv.findIndex((arg) => arg.startsWith("-"));
  const words = firstFlag === -1 ? argv : argv.slice(0, firstFlag);
  const rest = firstFlag === -1 ? [] : argv.slice(firstFlag);
  const wantsHelp = rest.includes("--help") || rest.includes("-h");
  const name = words.join(" ");
  if (!name) return { help: true, prefix: "" };
  const spec = COMMANDS[name];
  if (!spec) {
    const group = Object.keys(COMMANDS).some((n) => n.startsWith(words[0] + " "));
    if (wantsHelp && group && words.length === 1) return { help: true, prefix: name };
    throw new UsageError(
      group
        ? `unknown command "${name}"; try: ${Object.keys(COMMANDS).filter((n) => n.startsWith(words[0] + " ")).join(", ")}`
        : `unknown command "${name}"; run keyport --help`,
    );
  }
  if (wantsHelp) return { help: true, prefix: name };
  /** @type {Record<string, FlagSpec>} */
  const flags = { ...spec.flags, ...GLOBAL_FLAGS };
  /** @type {Record<string, string | string[] | true>} */
  const values = {};
  for (const [flag, s] of Object.entries(flags)) if (s.kind === "multi") values[flag] = [];
  for (let j = 0; j < rest.length; j++) {
    const arg = rest[j] ?? "";
    const m = /^--([a-z][a-z-]*)(?:=(.*))?$/s.exec(arg);
    if (!m) throw new UsageError(`${arg}: unexpected argument (flags look like --name value)`);
    const flag = m[1] ?? "";
    const inline = m[2];
    const s = flags[flag];
    if (!s) throw new UsageError(`--${flag}: unknown flag for "keyport ${name}" (see keyport ${name} --help)`);
    if (s.kind === "bool") {
      if (inline !== undefined) throw new UsageError(`--${flag}: takes no value`);
      values[flag] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      value = rest[j + 1];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`--${flag}: needs a value`);
      j++;
    }
    if (s.check) {
      const problem = s.check(value);
      if (problem) throw new UsageError(`--${flag}: ${problem}`);
    }
    const given = values[flag];
    if (Array.isArray(given)) given.push(value); // a multi flag (its list starts empty, above)
    else if (given !== undefined) throw new UsageError(`--${flag}: given twice`);
    else values[flag] = value;
  }
  for (const [flag, s] of Object.entries(spec.flags)) {
    const given = values[flag];
    const missing = Array.isArray(given) ? given.length === 0 : given === undefined;
    if (s.required && missing) throw new UsageError(`--${flag}: required (usage: ${usageLine(name, spec)})`);
  }
  // Each value has the type its flag's kind gives it, which is the type FlagValues declares for that name.
  return { name, spec, values: /** @type {FlagValues} */ (values) };
}

/**
 * The server to talk to, as a user expects: --url, else KEYPORT_URL, else the PORT the server is told to
 * use, else the address a running server wrote into its data folder (bin/server.mjs), else port 3000.
 */
/** @param {string | undefined} flag */
function serverUrl(flag) {
  if (flag) return flag;
  if (process.env.KEYPORT_URL) return process.env.KEYPORT_URL;
  if (process.env.PORT) return `http://localhost:${process.env.PORT}`;
  try {
    const written = readFileSync(path.join(process.env.KEYPORT_DATA_DIR || "./.data", "server-address"), "utf8").trim();
    if (/^https?:\/\/[^/\s]+$/.test(written)) return written;
  } catch {
    // no running server wrote one here
  }
  return "http://localhost:3000";
}

function operatorToken() {
  const fromEnv = (process.env.KEYPORT_OPERATOR_TOKEN ?? "").split(",")[0]?.trim();
  if (fromEnv) return fromEnv;
  const file = path.join(process.env.KEYPORT_DATA_DIR || "./.data", "operator-token");
  try {
    const token = readFileSync(file, "utf8").trim();
    if (token) return token;
  } catch {
    // fall through to the message below
  }
  throw new UsageError(
    `no operator token: set KEYPORT_OPERATOR_TOKEN, or run where the server keeps its data (${file} was not found; set KEYPORT_DATA_DIR)`,
  );
}

/**
 * Turns the server's `body.logoUrl` into the flag the user typed.
 * @type {Record<string, string>}
 */
const FIELD_FLAGS = {
  events: "--event",
  actorId: "--actor",
  actorType: "--actor-type",
  resourceId: "--resource",
  since: "--since",
  until: "--until",
  limit: "--limit",
  cursor: "--cursor",
  name: "--name",
  displayName: "--name",
  slug: "--slug",
  workspaceId: "--workspace",
  apiIds: "--api",
  logoUrl: "--logo-url",
  primaryColor: "--primary-color",
  returnUrl: "--return-url",
  sessionPolicy: "--session",
  maxKeys: "--max-keys",
  apiBaseUrl: "--api-base-url",
  docsMarkdown: "--docs-file",
  embedOrigins: "--embed-origin",
  permissions: "--permission",
  prefix: "--prefix",
  keyId: "--key-id",
  portal: "--slug",
  sessionId: "--session",
};

/**
 * The server's error, as this CLI's one line. Its shape follows the v2 error envelope (docs/api.md).
 * @param {ServerError | undefined} error
 */
function serverMessage(error) {
  const first = error?.errors?.[0];
  if (first?.location) {
    const field = first.location.split(".")[1];
    const flag = field === undefined ? undefined : FIELD_FLAGS[field];
    if (flag) return `${flag}: ${first.message}${first.fix ? ` ${first.fix}` : ""}`;
  }
  const detail = error?.detail ?? error?.title ?? "the server refused the request";
  return `${detail}${error?.type ? ` (${error.type})` : ""}`;
}

/**
 * @typedef {{
 *   type?: string, title?: string, detail?: string,
 *   errors?: { location?: string, message?: string, fix?: string }[],
 * }} ServerError
 */

/**
 * @param {string} baseUrl
 * @param {string} endpoint
 * @param {Record<string, unknown>} body
 * @param {string} token
 * @returns {Promise<{ exit: 0, data: unknown, page?: Page } | { exit: 1, message: string }>}
 */
async function call(baseUrl, endpoint, body, token) {
  let res;
  try {
    res = await fetch(`${baseUrl}/operator/v1/${endpoint}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify(body, (_k, v) => (v === undefined ? undefined : v)),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (err) {
    const reason = networkReason(err);
    return { exit: 1, message: `cannot reach the Keyport server at ${baseUrl} (${reason}); is it running? Start it with npm start, or pass --url` };
  }
  const text = await res.text();
  /** @type {{ data?: unknown, pagination?: Page, error?: ServerError } | null} */
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    return { exit: 1, message: `${baseUrl} answered HTTP ${res.status} without JSON; is --url a Keyport server?` };
  }
  // `?.`: a JSON `null` answer (not a Keyport server) is a refusal, not a crash.
  if (!res.ok || !json?.data) return { exit: 1, message: serverMessage(json?.error) };
  return { exit: 0, data: json.data, page: json.pagination };
}

/**
 * Why fetch() failed, as Node's undici reports it: a system error code on `cause` (an AggregateError's
 * first one when every address failed), else a message.
 * @param {unknown} err
 */
function networkReason(err) {
  /** @typedef {{ code?: string, message?: string, errors?: { code?: string }[] }} Cause */
  const e = /** @type {{ message?: string, cause?: Cause } | null | undefined} */ (err);
  return e?.cause?.code ?? e?.cause?.errors?.[0]?.code ?? e?.cause?.message ?? e?.message ?? "network error";
}

/** @param {string[]} argv */
async function main(argv) {
  let parsed;
  try {
    parsed = parse(argv);
  } catch (err) {
    if (err instanceof UsageError) return fail(2, err.message);
    throw err;
  }
  if (parsed.help) {
    console.log(help(parsed.prefix));
    return 0;
  }
  const { spec, values } = parsed;
  const baseUrl = serverUrl(values.url).replace(/\/+$/, "");
  let request;
  let token;
  try {
    if (!/^https?:\/\/[^/]/.test(baseUrl)) throw new UsageError(`--url: an http(s) address such as http://localhost:3000 (got "${baseUrl}")`);
    request = spec.request(values);
    token = operatorToken();
  } catch (err) {
    if (err instanceof UsageError) return fail(2, err.message);
    throw err;
  }
  const result = await call(baseUrl, request.endpoint, request.body, token);
  if (result.exit !== 0) return fail(result.exit, result.message);
  console.log(values.json ? JSON.stringify(spec.json(result.data, values, result.page)) : spec.human(result.data, values, result.page));
  return 0;
}

/**
 * @param {number} code
 * @param {string} message
 */
function fail(code, message) {
  console.error(`error: ${message.replace(/\s*\n\s*/g, " ")}`);
  return code;
}

process.exitCode = await main(process.argv.slice(2));
