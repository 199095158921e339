/**
 * The permissions Keyport's API checks on a root key (docs/api.md), grouped as the console's picker
 * shows them. `api.*.…` ones can also be held for one API (`api.<apiId>.…`); `*` holds them all.
 */
export const ROOT_KEY_PERMISSION_GROUPS = [
  {
    group: "APIs",
    perApi: true,
    items: [
      // Creating an API cannot be limited to one API: it stays api.*.create_api.
      { permission: "api.*.create_api", label: "Create APIs" },
      { permission: "api.*.read_api", label: "Read APIs" },
      { permission: "api.*.delete_api", label: "Delete APIs" },
    ],
  },
  {
    group: "Keys",
    perApi: true,
    items: [
      { permission: "api.*.create_key", label: "Create and reroll keys" },
      { permission: "api.*.read_key", label: "Read keys" },
      { permission: "api.*.update_key", label: "Update keys and credits" },
      { permission: "api.*.delete_key", label: "Delete keys" },
      { permission: "api.*.verify_key", label: "Verify keys" },
    ],
  },
  {
    group: "End users",
    perApi: false,
    items: [
      { permission: "identity.*.create_identity", label: "Create end users" },
      { permission: "identity.*.read_identity", label: "Read end users" },
      { permission: "identity.*.update_identity", label: "Update end users" },
      { permission: "identity.*.delete_identity", label: "Delete end users" },
    ],
  },
  { group: "Portal", perApi: false, items: [{ permission: "portal.*.create_portal_session", label: "Create portal sessions" }] },
  { group: "Audit log", perApi: false, items: [{ permission: "audit.*.read_audit_log", label: "Read the audit log" }] },
] as const;

export const PICKABLE_PERMISSIONS: ReadonlySet<string> = new Set(ROOT_KEY_PERMISSION_GROUPS.flatMap((g) => g.items.map((i) => i.permission)));

/**
 * The permissions a picker's choice grants: `*` for full access; otherwise the chosen ones, with the
 * `api.*.` ones (but create_api) narrowed to one API when `apiId` is given. Unknown names are dropped.
 */
export function pickedPermissions(choice: { full: boolean; picked: string[]; apiId?: string }): string[] {
  if (choice.full) return ["*"];
  const narrow = (p: string) => choice.apiId !== undefined && p.startsWith("api.*.") && p !== "api.*.create_api";
  const out = choice.picked.filter((p) => PICKABLE_PERMISSIONS.has(p)).map((p) => (narrow(p) ? `api.${choice.apiId}.${p.slice(6)}` : p));
  return [...new Set(out)];
}
