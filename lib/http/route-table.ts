// Every API route, and which plane serves it (docs/ARCHITECTURE.md "Two planes"). /openapi.json documents
// every entry; lib/openapi/openapi.test.ts fails when a folder under app/v2/ or app/operator/v1/ is missing
// here, so neither the document nor the dispatch can silently go stale.
import * as v2ApisCreateApi from "@/app/v2/apis.createApi/route";
import * as v2AuditListEvents from "@/app/v2/audit.listEvents/route";
import * as v2ApisDeleteApi from "@/app/v2/apis.deleteApi/route";
import * as v2ApisGetApi from "@/app/v2/apis.getApi/route";
import * as v2ApisListKeys from "@/app/v2/apis.listKeys/route";
import * as v2IdentitiesCreateIdentity from "@/app/v2/identities.createIdentity/route";
import * as v2IdentitiesDeleteIdentity from "@/app/v2/identities.deleteIdentity/route";
import * as v2IdentitiesGetIdentity from "@/app/v2/identities.getIdentity/route";
import * as v2IdentitiesListIdentities from "@/app/v2/identities.listIdentities/route";
import * as v2IdentitiesUpdateIdentity from "@/app/v2/identities.updateIdentity/route";
import * as v2KeysCreateKey from "@/app/v2/keys.createKey/route";
import * as v2KeysDeleteKey from "@/app/v2/keys.deleteKey/route";
import * as v2KeysGetKey from "@/app/v2/keys.getKey/route";
import * as v2KeysRerollKey from "@/app/v2/keys.rerollKey/route";
import * as v2KeysUpdateCredits from "@/app/v2/keys.updateCredits/route";
import * as v2KeysUpdateKey from "@/app/v2/keys.updateKey/route";
import * as v2KeysVerifyKey from "@/app/v2/keys.verifyKey/route";
import * as v2KeysWhoami from "@/app/v2/keys.whoami/route";
import * as v2Liveness from "@/app/v2/liveness/route";
import * as v2PortalCreateKey from "@/app/v2/portal.createKey/route";
import * as v2PortalCreateSession from "@/app/v2/portal.createSession/route";
import * as v2PortalDeleteKey from "@/app/v2/portal.deleteKey/route";
import * as v2PortalExchangeCode from "@/app/v2/portal.exchangeCode/route";
import * as v2PortalExchangeSession from "@/app/v2/portal.exchangeSession/route";
import * as v2PortalGetSession from "@/app/v2/portal.getSession/route";
import * as v2PortalGetVerifications from "@/app/v2/portal.getVerifications/route";
import * as v2PortalListKeys from "@/app/v2/portal.listKeys/route";
import * as v2PortalListSessions from "@/app/v2/portal.listSessions/route";
import * as v2PortalLogout from "@/app/v2/portal.logout/route";
import * as v2PortalRerollKey from "@/app/v2/portal.rerollKey/route";
import * as v2PortalRevokeSession from "@/app/v2/portal.revokeSession/route";
import * as v2PortalUpdateKey from "@/app/v2/portal.updateKey/route";
import * as opApisCreate from "@/app/operator/v1/apis.create/route";
import * as opAuditList from "@/app/operator/v1/audit.list/route";
import * as opConsoleCreateLink from "@/app/operator/v1/console.createLink/route";
import * as opConsoleRevokeSessions from "@/app/operator/v1/console.revokeSessions/route";
import * as opDemo from "@/app/operator/v1/demo/route";
import * as opPortalsCreate from "@/app/operator/v1/portals.create/route";
import * as opPortalsDelete from "@/app/operator/v1/portals.delete/route";
import * as opPortalsDisable from "@/app/operator/v1/portals.disable/route";
import * as opPortalsEnable from "@/app/operator/v1/portals.enable/route";
import * as opPortalsGet from "@/app/operator/v1/portals.get/route";
import * as opPortalsList from "@/app/operator/v1/portals.list/route";
import * as opPortalsUpdate from "@/app/operator/v1/portals.update/route";
import * as opRootKeysCreate from "@/app/operator/v1/rootKeys.create/route";
import * as opRootKeysList from "@/app/operator/v1/rootKeys.list/route";
import * as opRootKeysRevoke from "@/app/operator/v1/rootKeys.revoke/route";
import * as opWorkspacesCreate from "@/app/operator/v1/workspaces.create/route";
import * as opWorkspacesList from "@/app/operator/v1/workspaces.list/route";

export type RouteModule = Record<string, unknown>;
export type Plane = "backend" | "browser";

/** URL path → route module. */
export const ROUTES: Record<string, RouteModule> = {
  "/v2/apis.createApi": v2ApisCreateApi,
  "/v2/apis.deleteApi": v2ApisDeleteApi,
  "/v2/apis.getApi": v2ApisGetApi,
  "/v2/apis.listKeys": v2ApisListKeys,
  "/v2/audit.listEvents": v2AuditListEvents,
  "/v2/identities.createIdentity": v2IdentitiesCreateIdentity,
  "/v2/identities.deleteIdentity": v2IdentitiesDeleteIdentity,
  "/v2/identities.getIdentity": v2IdentitiesGetIdentity,
  "/v2/identities.listIdentities": v2IdentitiesListIdentities,
  "/v2/identities.updateIdentity": v2IdentitiesUpdateIdentity,
  "/v2/keys.createKey": v2KeysCreateKey,
  "/v2/keys.deleteKey": v2KeysDeleteKey,
  "/v2/keys.getKey": v2KeysGetKey,
  "/v2/keys.rerollKey": v2KeysRerollKey,
  "/v2/keys.updateCredits": v2KeysUpdateCredits,
  "/v2/keys.updateKey": v2KeysUpdateKey,
  "/v2/keys.verifyKey": v2KeysVerifyKey,
  "/v2/keys.whoami": v2KeysWhoami,
  "/v2/liveness": v2Liveness,
  "/v2/portal.createKey": v2PortalCreateKey,
  "/v2/portal.createSession": v2PortalCreateSession,
  "/v2/portal.deleteKey": v2PortalDeleteKey,
  "/v2/portal.exchangeCode": v2PortalExchangeCode,
  "/v2/portal.exchangeSession": v2PortalExchangeSession,
  "/v2/portal.getSession": v2PortalGetSession,
  "/v2/portal.getVerifications": v2PortalGetVerifications,
  "/v2/portal.listKeys": v2PortalListKeys,
  "/v2/portal.listSessions": v2PortalListSessions,
  "/v2/portal.logout": v2PortalLogout,
  "/v2/portal.rerollKey": v2PortalRerollKey,
  "/v2/portal.revokeSession": v2PortalRevokeSession,
  "/v2/portal.updateKey": v2PortalUpdateKey,
  "/operator/v1/apis.create": opApisCreate,
  "/operator/v1/audit.list": opAuditList,
  "/operator/v1/console.createLink": opConsoleCreateLink,
  "/operator/v1/console.revokeSessions": opConsoleRevokeSessions,
  "/operator/v1/demo": opDemo,
  "/operator/v1/portals.create": opPortalsCreate,
  "/operator/v1/portals.delete": opPortalsDelete,
  "/operator/v1/portals.disable": opPortalsDisable,
  "/operator/v1/portals.enable": opPortalsEnable,
  "/operator/v1/portals.get": opPortalsGet,
  "/operator/v1/portals.list": opPortalsList,
  "/operator/v1/portals.update": opPortalsUpdate,
  "/operator/v1/rootKeys.create": opRootKeysCreate,
  "/operator/v1/rootKeys.list": opRootKeysList,
  "/operator/v1/rootKeys.revoke": opRootKeysRevoke,
  "/operator/v1/workspaces.create": opWorkspacesCreate,
  "/operator/v1/workspaces.list": opWorkspacesList,
};

/**
 * Served by Next.js (the browser plane): the exchanges that set the httpOnly session cookie, and the
 * endpoints the portal pages and portal Bearer holders call. Every other /v2 route, the operator API
 * and /openapi.json are served by the backend plane, before Next.js sees the request.
 */
const BROWSER_PLANE = new Set([
  "/v2/portal.exchangeCode",
  "/v2/portal.exchangeSession",
  "/v2/portal.getSession",
  "/v2/portal.logout",
  "/v2/portal.listKeys",
  "/v2/portal.createKey",
  "/v2/portal.rerollKey",
  "/v2/portal.updateKey",
  "/v2/portal.deleteKey",
  "/v2/portal.getVerifications",
]);

/**
 * The plane a URL path belongs to. Unknown paths under /v2/ and /operator/ go to the backend plane,
 * which answers them with a JSON 404 in the envelope; everything else (pages, docs, assets) is Next.js's.
 */
export function planeOf(pathname: string): Plane {
  if (BROWSER_PLANE.has(pathname)) return "browser";
  if (pathname.startsWith("/v2/") || pathname.startsWith("/operator/") || pathname === "/openapi.json") return "backend";
  return "browser";
}
