import { CATALOGUE, type ErrorDoc } from "@/lib/api/catalogue";

/** `unkey/authentication/missing` → its three parts; the page URL is /docs/errors/<code>. */
export function splitCode(code: string) {
  const [system = "", category = "", name = ""] = code.split("/");
  return { system, category, name };
}

const SYSTEMS: Record<string, string> = {
  unkey: "API errors (Unkey-compatible)",
  user: "Request errors",
  keyport: "Keyport errors (operator API, routing, portal sign-in)",
};

const CATEGORIES: Record<string, string> = {
  authentication: "Authentication",
  authorization: "Authorization",
  limits: "Limits",
  data: "Data",
  application: "Application",
  bad_request: "Bad request",
  too_many_requests: "Too many requests",
};

export const systemTitle = (s: string) => SYSTEMS[s] ?? s;
export const categoryTitle = (c: string) => CATEGORIES[c] ?? c;

/** The catalogue grouped by system, then category, in catalogue order. */
export function groupedCatalogue(): { system: string; categories: { category: string; docs: ErrorDoc[] }[] }[] {
  const out: { system: string; categories: { category: string; docs: ErrorDoc[] }[] }[] = [];
  for (const doc of CATALOGUE as readonly ErrorDoc[]) {
    const { system, category } = splitCode(doc.code);
    let s = out.find((g) => g.system === system);
    if (!s) out.push((s = { system, categories: [] }));
    let c = s.categories.find((g) => g.category === category);
    if (!c) s.categories.push((c = { category, docs: [] }));
    c.docs.push(doc);
  }
  return out;
}

export function findDoc(segments: string[]): ErrorDoc | undefined {
  const code = segments.map((s) => decodeURIComponent(s)).join("/");
  return (CATALOGUE as readonly ErrorDoc[]).find((d) => d.code === code);
}

export function fillPublicUrl(text: string, publicUrl: string): string {
  return text.replaceAll("{{PUBLIC_URL}}", publicUrl);
}

/** The error body a client receives for this code, as the envelope renders it (docs/api.md "Conventions"). */
export function exampleBody(doc: ErrorDoc, publicUrl: string): string {
  const error: Record<string, unknown> = {
    title: doc.title,
    detail: fillPublicUrl(doc.detail, publicUrl),
    status: doc.status,
    type: `${publicUrl}/docs/errors/${doc.code}`,
  };
  if (doc.status === 400) {
    error.errors =
      doc.code === "unkey/application/invalid_input"
        ? [{ location: "body.name", message: "Too small: expected string to have >=3 characters", fix: "Send at least 3 characters." }]
        : [];
  }
  return JSON.stringify({ meta: { requestId: "req_2c9a0jf23l4k567" }, error }, null, 2);
}
