import type { KeyTemplate } from "@/db/schema";
import { keyTemplateOf, type PortalFormValues } from "@/lib/console/portals/portal-form";
import { isValidColour, isValidLogoUrl, isValidReturnUrl, keyTemplateSchema } from "@/lib/portal-configs/rules";

/** What the console's live preview renders of a portal form (docs/console.md "Portals"). */
export type PortalPreviewModel = {
  displayName: string;
  logoUrl?: string;
  primaryColor?: string;
  returnUrl?: string;
  apiBaseUrl?: string;
  docsMarkdown?: string;
  showKeyMeta: boolean;
  /** The key prefix keys would get: the template's, else the first chosen API's. */
  prefix?: string;
  template: KeyTemplate;
  apis: { id: string; name: string }[];
};

const parts = keyTemplateSchema.shape;
const ratelimitRow = parts.ratelimits.unwrap().element;

/** Each part of the template the form holds that the API would accept now; a half-typed part is left out. */
function previewTemplate(values: PortalFormValues): KeyTemplate {
  const raw = keyTemplateOf(values) as Record<string, unknown>;
  const prefix = parts.prefix.safeParse(raw.prefix);
  const credits = parts.credits.safeParse(raw.credits);
  const expiry = parts.defaultExpiryMs.safeParse(raw.defaultExpiryMs);
  const rows = ((raw.ratelimits as unknown[] | undefined) ?? []).flatMap((r) => {
    const row = ratelimitRow.safeParse(r);
    return row.success ? [row.data] : [];
  });
  return {
    prefix: prefix.success ? prefix.data : undefined,
    credits: credits.success ? credits.data : undefined,
    ratelimits: rows.slice(0, 20),
    defaultExpiryMs: expiry.success ? expiry.data : undefined,
  };
}

/**
 * The form as the portal would show it once saved: a value the API would refuse (a colour of two
 * digits, a logo over http) is shown as the portal shows a missing one, so the preview never
 * promises what saving cannot keep. A blank name is the workspace's, as portals.create defaults it.
 */
export function previewModel(values: PortalFormValues, { workspaceName, apis }: { workspaceName: string; apis: { id: string; name: string; prefix?: string }[] }): PortalPreviewModel {
  const valid = (value: string, ok: (v: string) => boolean) => {
    const t = value.trim();
    return t && ok(t) ? t : undefined;
  };
  const chosen = values.apiIds.flatMap((id) => apis.filter((a) => a.id === id));
  const template = previewTemplate(values);
  return {
    displayName: values.displayName.trim() || workspaceName,
    logoUrl: valid(values.logoUrl, isValidLogoUrl),
    primaryColor: valid(values.primaryColor, isValidColour),
    returnUrl: valid(values.returnUrl, isValidReturnUrl),
    apiBaseUrl: valid(values.apiBaseUrl, isValidReturnUrl),
    docsMarkdown: values.docsMarkdown.trim() ? values.docsMarkdown.slice(0, 5000) : undefined,
    showKeyMeta: values.showKeyMeta,
    prefix: template.prefix ?? chosen.find((a) => a.prefix)?.prefix,
    template,
    apis: chosen.map((a) => ({ id: a.id, name: a.name })),
  };
}
