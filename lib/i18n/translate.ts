/**
 * The portal's message helpers (docs/sessions.md "Languages"): a message is a plain string with
 * `{name}` placeholders, or a set of plural forms. Plain data on purpose, so the messages a client
 * component needs can travel to the browser as props. Pure: server and client code use it alike.
 */

/** Plural forms by `Intl.PluralRules` category; `other` is required, the rest as the language needs them. */
export type Plural = { other: string } & Partial<Record<Exclude<Intl.LDMLPluralRule, "other">, string>>;

/** Marks a message as plural forms (the catalogue's type then asks every language for a Plural there). */
export function plural(forms: Plural): Plural {
  return forms;
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/**
 * `"Signed in as {user}"` with `{ user: <strong>alice</strong> }` → `["Signed in as ", <strong>…</strong>]`:
 * the template's text around the values, in order, for React to render (values may be elements). An
 * unknown placeholder stays as written, so a mistake shows instead of vanishing.
 */
export function interpolate<T>(template: string, values: Record<string, T>): (string | T)[] {
  const parts: (string | T)[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    if (!Object.hasOwn(values, name)) continue;
    if (match.index > last) parts.push(template.slice(last, match.index));
    parts.push(values[name] as T);
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

/** The template with its placeholders filled in: `fill("Back to {app}", { app: "Acme" })` → `Back to Acme`. */
export function fill(template: string, values: Record<string, string | number> = {}): string {
  return interpolate(template, values).join("");
}

const rules = new Map<string, Intl.PluralRules>();

/**
 * The form of `forms` that `count` takes in `locale` (`one` for 1 in English, for 0 and 1 in French;
 * always `other` in Japanese), filled with `{count}` (the number as given: format it first) and `values`.
 */
export function pluralize(locale: string, forms: Plural, count: number, values: Record<string, string | number> = {}): string {
  let pr = rules.get(locale);
  if (!pr) rules.set(locale, (pr = new Intl.PluralRules(locale)));
  const form = forms[pr.select(count)] ?? forms.other;
  return fill(form, { count, ...values });
}

/** The names of a message's placeholders, sorted (the catalogue test checks every language uses the same ones). */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))].sort();
}
