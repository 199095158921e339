/** How the console names the kinds of actor of the audit log (an unknown kind shows as stored). */
const ACTOR_LABELS: Record<string, string> = {
  root_key: "Root key",
  portal_user: "End user",
  operator: "Operator",
  console: "Console session",
};

export function actorLabel(type: string): string {
  return ACTOR_LABELS[type] ?? type;
}

/** The event's details as the console shows them: indented JSON, or undefined when there are none. */
export function detailsJson(meta: Record<string, unknown> | undefined): string | undefined {
  return meta === undefined ? undefined : JSON.stringify(meta, null, 2);
}
