import { getDb } from "@/db/client";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { issueRootKey } from "@/lib/workspaces/issue-root-key";

/** A workspace with a `*` root key, created through the same verb as the operator API. */
export async function seedWorkspace(name = "Acme") {
  return createWorkspace({ db: await getDb(), input: { name }, actor: { type: "operator", id: "test" } });
}

/** An extra root key with exactly `permissions`. */
export async function seedRootKey(workspaceId: string, permissions: string[]) {
  return issueRootKey(await getDb(), { workspaceId, permissions });
}

/** POST JSON with an optional Bearer token; returns status, headers and parsed body. */
export async function post(base: string, path: string, body: unknown, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are asserted field by field
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, body: json, text };
}
