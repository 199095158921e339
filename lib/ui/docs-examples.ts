/**
 * The docs tab's generated examples: how to send a key, written for this portal's API address and
 * key prefix. The key is read from an environment variable named after the prefix (`demo` →
 * `DEMO_API_KEY`), so the examples can be pasted into a server as they are.
 */
export const PLACEHOLDER_BASE_URL = "https://YOUR_API_HOST";

/** `demo` → `DEMO_API_KEY`, `my-app.v2` → `MY_APP_V2_API_KEY`, none → `API_KEY`; always a valid shell name. */
export function envVarName(prefix: string | undefined): string {
  const stem = (prefix ?? "")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!stem) return "API_KEY";
  return `${/^[0-9]/.test(stem) ? "_" : ""}${stem}_API_KEY`;
}

export type DocsExamples = { envVar: string; keyExample: string; baseUrl: string; placeholder: boolean; shell: string; javascript: string };

export function docsExamples({ prefix, apiBaseUrl }: { prefix?: string; apiBaseUrl?: string }): DocsExamples {
  const envVar = envVarName(prefix);
  const keyExample = `${prefix ? `${prefix}_` : ""}YOUR_API_KEY`;
  const baseUrl = (apiBaseUrl ?? PLACEHOLDER_BASE_URL).replace(/\/+$/, "");
  const shell = [`export ${envVar}="${keyExample}"`, "", `curl ${baseUrl}/ \\`, `  -H "Authorization: Bearer $${envVar}"`].join("\n");
  const javascript = [`const res = await fetch("${baseUrl}/", {`, `  headers: { Authorization: \`Bearer \${process.env.${envVar}}\` },`, "});"].join("\n");
  return { envVar, keyExample, baseUrl, placeholder: apiBaseUrl === undefined, shell, javascript };
}
