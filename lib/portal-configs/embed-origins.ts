import { z } from "zod";

/**
 * The origins allowed to frame a portal (docs/embedding.md "Who may frame the portal"): `https://`
 * origins, optionally with one leading `*.` label, or `http://localhost:<port>` /
 * `http://127.0.0.1:<port>` for development. No path, query, fragment, credentials or any other
 * wildcard. Each accepted value is stored in the one form a browser compares with: lowercase,
 * punycode, no default port, no trailing slash — so it can go straight into CSP `frame-ancestors`
 * and into `postMessage`'s target origin.
 */
export const MAX_EMBED_ORIGINS = 20;

export const EMBED_ORIGIN_RULE =
  "an embed origin is https://host[:port] (optionally https://*.example.com), or http://localhost:<port> or http://127.0.0.1:<port> for development, with no path";

const EMBED_ORIGIN_FIX = "Send the origin of the page that frames the portal, for example https://app.example.com or http://localhost:5173.";
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1"]);

export type EmbedOriginCheck = { origin: string } | { problem: string };

/** The normalised origin, or why `raw` is refused (a sentence fragment: "must …"). */
export function checkEmbedOrigin(raw: string): EmbedOriginCheck {
  if (raw.length > 300) return { problem: "must be at most 300 characters" };
  if (/[\u0000-\u0020\u007f-\u009f]/.test(raw)) return { problem: "must not contain spaces or control characters" };
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/.exec(raw);
  if (!scheme) return { problem: "must be an origin such as https://app.example.com" };
  const protocol = (scheme[1] as string).toLowerCase();
  if (protocol !== "https" && protocol !== "http") return { problem: "must start with https:// (or http://localhost:<port> for development)" };
  let rest = scheme[2] as string;
  const wildcard = rest.startsWith("*.");
  if (wildcard) rest = rest.slice(2);
  if (rest.includes("*")) return { problem: "may use * only as a whole leading label, as in https://*.example.com" };
  if (/[@]/.test(rest)) return { problem: "must not contain credentials" };
  if (!/^[^/?#\\]*\/?$/.test(rest)) return { problem: "must be an origin only: no path, query or fragment" };
  let url: URL;
  try {
    url = new URL(`${protocol}://${rest}`);
  } catch {
    return { problem: "must be an origin such as https://app.example.com" };
  }
  const host = url.hostname;
  if (protocol === "http") {
    if (wildcard || !LOCAL_HOSTS.has(host)) return { problem: "must use https (http is allowed only for localhost and 127.0.0.1)" };
    if (!url.port) return { problem: "must name the port of a local development server, as in http://localhost:5173" };
    return { origin: `http://${url.host}` };
  }
  if (host.startsWith("[")) return { problem: "must name a host by its domain name or IPv4 address" };
  const labels = host.split(".");
  if (IPV4.test(host)) {
    if (wildcard) return { problem: "may not put * in front of an IP address" };
  } else if (!labels.every((l) => LABEL.test(l))) {
    return { problem: "must name a valid host (letters, digits and hyphens between dots)" };
  } else if (wildcard && labels.length < 2) {
    return { problem: "needs at least two labels after *., as in https://*.example.com" };
  } else if (labels.length < 2 && host !== "localhost") {
    return { problem: "must name a full domain such as app.example.com" };
  }
  return { origin: `https://${wildcard ? "*." : ""}${url.host}` };
}

/**
 * `embedOrigins` of portals.create / portals.update: up to MAX_EMBED_ORIGINS entries, each checked
 * and normalised, duplicates (after normalising) dropped in order. `[]` means nobody may frame it.
 */
export const embedOriginsSchema = z
  .array(z.string().max(300))
  .max(MAX_EMBED_ORIGINS, { message: `A portal has at most ${MAX_EMBED_ORIGINS} embed origins.` })
  .transform((values, ctx) => {
    const out: string[] = [];
    values.forEach((value, index) => {
      const checked = checkEmbedOrigin(value);
      if ("problem" in checked) {
        ctx.addIssue({ code: "custom", path: [index], message: `embedOrigins.${index} ${checked.problem}.`, params: { fix: EMBED_ORIGIN_FIX } });
      } else if (!out.includes(checked.origin)) {
        out.push(checked.origin);
      }
    });
    return out;
  });

/** The CSP `frame-ancestors` source list for a portal: `'none'` when it has no embed origins. */
export function frameAncestors(origins: readonly string[]): string {
  return origins.length === 0 ? "'none'" : ["'self'", ...origins].join(" ");
}
