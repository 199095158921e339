import type { PortalRow } from "@/db/queries/portals";

/** The operator-facing shape of a portal configuration: explicit fields, never the raw row. */
export type PortalConfig = ReturnType<typeof toPortalConfig>;

export function toPortalConfig(row: PortalRow, apiIds: string[]) {
  return {
    portalId: row.id,
    workspaceId: row.workspaceId,
    slug: row.slug,
    displayName: row.displayName,
    apiIds,
    logoUrl: row.logoUrl ?? undefined,
    primaryColor: row.primaryColor ?? undefined,
    returnUrl: row.returnUrl ?? undefined,
    apiBaseUrl: row.apiBaseUrl ?? undefined,
    docsMarkdown: row.docsMarkdown ?? undefined,
    sessionPolicy: row.sessionPolicy,
    maxKeys: row.maxKeys,
    keyTemplate: row.keyTemplate,
    enabled: row.enabled,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt ?? undefined,
  };
}
