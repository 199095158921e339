import type { UpdatePortalInput } from "@/lib/portal-configs/rules";

type Editable = Exclude<keyof UpdatePortalInput, "workspaceId" | "portal">;

/** JSON with object keys sorted: Postgres's jsonb does not keep the order a template was written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/**
 * The fields of a parsed portals.update body whose value differs from the stored portal: absent and
 * `null` are the same (an unset optional field), and a portal's APIs are a set.
 */
export function changedFields(input: UpdatePortalInput, current: Record<string, unknown>): Editable[] {
  const keys = Object.keys(input).filter((k): k is Editable => k !== "workspaceId" && k !== "portal" && input[k as Editable] !== undefined);
  return keys.filter((k) => {
    const next: unknown = input[k] ?? undefined;
    const was: unknown = current[k] ?? undefined;
    if (k === "apiIds") return canonical([...new Set(next as string[])].sort()) !== canonical([...((was as string[] | undefined) ?? [])].sort());
    return canonical(next) !== canonical(was);
  });
}
