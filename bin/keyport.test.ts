import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { signInWithCode } from "@/lib/console/sign-in";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";

const CLI = path.join(import.meta.dirname, "keyport.mjs");
const TOKEN = "kpo_cli_test_token_0123456789abcdefghij";

/** Runs the CLI as a user would: a separate node process, talking HTTP. Async, so the in-process server keeps serving. */
function run(args: string[], env: Record<string, string | undefined> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const childEnv: NodeJS.ProcessEnv = { NODE_ENV: "test", PATH: process.env.PATH, HOME: process.env.HOME, KEYPORT_DATA_DIR: "/nonexistent-keyport-dir", ...env };
    const child = spawn(process.execPath, [CLI, ...args], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("keyport CLI: bad input is refused locally, naming the flag", () => {
  // Port 9 (discard) is never a Keyport server: a check that contacted it would fail differently.
  const offline = { KEYPORT_OPERATOR_TOKEN: TOKEN, KEYPORT_URL: "http://127.0.0.1:9" };
  it.each([
    [["workspace", "create"], "--name"],
    [["workspace", "create", "--name", "A", "--slug", "Bad_Slug"], "--slug"],
    [["workspace", "create", "--name", "A", "--slug", "-lead"], "--slug"],
    [["workspace", "create", "--name", "A", "--bogus", "x"], "--bogus"],
    [["workspace", "create", "--name"], "--name"],
    [["root-key", "create", "--workspace", "ws_1", "--permission", "api..x"], "--permission"],
    [["root-key", "revoke"], "--key-id"],
    [["api", "create", "--workspace", "ws_1", "--name", "prod", "--prefix", "has space"], "--prefix"],
    [["portal", "create", "--workspace", "ws_1", "--slug", "ok-slug"], "--api"],
    [["portal", "create", "--workspace", "ws_1", "--slug", "ab", "--api", "api_1"], "--slug"],
    [["portal", "create", "--workspace", "ws_1", "--slug", "a--b", "--api", "api_1"], "--slug"],
    [["portal", "update", "--workspace", "ws_1", "--slug", "ok-slug", "--show-key-meta", "--hide-key-meta"], "--show-key-meta"],
    [["portal", "create", "--workspace", "ws_1", "--slug", "ok-slug", "--api", "api_1", "--primary-color", "red;}"], "--primary-color"],
    [["portal", "create", "--workspace", "ws_1", "--slug", "ok-slug", "--api", "api_1", "--logo-url", 'https://x.io/a.png"onerror=1'], "--logo-url"],
    [["portal", "create", "--workspace", "ws_1", "--slug", "ok-slug", "--api", "api_1", "--logo-url", "javascript:alert(1)"], "--logo-url"],
    [["portal", "create", "--workspace", "ws_1", "--slug", "ok-slug", "--api", "api_1", "--return-url", "http://evil.example"], "--return-url"],
    [["portal", "create", "--workspace", "ws_1", "--slug", "ok-slug", "--api", "api_1", "--session", "forever"], "--session"],
    [["portal", "create", "--workspace", "ws_1", "--slug", "ok-slug", "--api", "api_1", "--max-keys", "0"], "--max-keys"],
    [["portal", "create", "--workspace", "ws_1", "--slug", "ok-slug", "--api", "api_1", "--max-keys", "1001"], "--max-keys"],
    [["portal", "update", "--workspace", "ws_1"], "--slug"],
    [["portal", "create", "--workspace", "ws_1", "--slug", "ok-slug", "--api", "api_1", "--embed-origin", "http://app.example.com"], "--embed-origin"],
    [["portal", "create", "--workspace", "ws_1", "--slug", "ok-slug", "--api", "api_1", "--embed-origin", "https://app.example.com/embed"], "--embed-origin"],
    [["portal", "create", "--workspace", "ws_1", "--slug", "ok-slug", "--api", "api_1", "--embed-origin", "https://*.com"], "--embed-origin"],
    [["portal", "create", "--workspace", "ws_1", "--slug", "ok-slug", "--api", "api_1", "--embed-origin", ""], "--embed-origin"],
    [["portal", "update", "--workspace", "ws_1", "--slug", "ok-slug", "--embed-origin", "", "--embed-origin", "https://a.example.com"], "--embed-origin"],
    [["portal", "disable", "--workspace", "nope", "--slug", "ok-slug"], "--workspace"],
    [["workspace", "list", "--url", "ftp://x"], "--url"],
    [["audit"], "--workspace"],
    [["audit", "--workspace", "ws_1", "--since", "yesterday"], "--since"],
    [["audit", "--workspace", "ws_1", "--limit", "500"], "--limit"],
    [["audit", "--workspace", "ws_1", "--event", "Key Create"], "--event"],
    [["audit", "--workspace", "ws_1", "--actor-type", "robot"], "--actor-type"],
    [["console-link", "--workspace", "acme"], "--workspace"],
    [["console-link", "--session", "cs_1"], "--session"],
    [["console-revoke", "--session", "ps_1"], "--session"],
    [["console-revoke", "--workspace"], "--workspace"],
  ])("%j → exit 2, one line naming %s", async (args, flag) => {
    const r = await run(args, offline);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^error: ${flag}: `));
  });

  it("states the slug rule", async () => {
    const r = await run(["portal", "create", "--workspace", "ws_1", "--slug", "My-Portal", "--api", "api_1"], offline);
    expect(r.stderr).toContain("3–64 characters of lowercase letters");
  });

  it("an unknown command exits 2; --help exits 0 and lists every command", async () => {
    expect((await run(["frobnicate"], offline)).code).toBe(2);
    const h = await run(["--help"]);
    expect(h.code).toBe(0);
    for (const c of ["workspace create", "root-key revoke", "api create", "portal create", "portal delete", "console-link", "console-revoke", "demo"]) expect(h.stdout).toContain(c);
  });

  it("without a token it says where it looked, and exits 2", async () => {
    const r = await run(["workspace", "list"], { KEYPORT_URL: "http://127.0.0.1:9" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: no operator token: .*KEYPORT_OPERATOR_TOKEN.*operator-token/);
  });

  it("an unreachable server is one line and exit 1", async () => {
    const r = await run(["workspace", "list", "--url", "http://127.0.0.1:39"], { KEYPORT_OPERATOR_TOKEN: TOKEN });
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: cannot reach the Keyport server at http:\/\/127\.0\.0\.1:39/);
  });
});

describe.each(BACKENDS)("keyport CLI against a server on %s", (backend) => {
  const app = useTestApp(backend, { env: { KEYPORT_OPERATOR_TOKEN: TOKEN } });
  const cli = (args: string[], env: Record<string, string> = { KEYPORT_OPERATOR_TOKEN: TOKEN }) => run([...args, "--url", app.url], env);
  const json = async (args: string[]) => {
    const r = await cli([...args, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout);
  };

  it("finds the server without --url: KEYPORT_URL, else PORT, else the address the server wrote into its data folder", async () => {
    const port = new URL(app.url).port;
    const viaPort = await run(["workspace", "list", "--json"], { KEYPORT_OPERATOR_TOKEN: TOKEN, PORT: port });
    expect(viaPort.stderr).toBe("");
    expect(viaPort.code).toBe(0);
    const dir = mkdtempSync(path.join(tmpdir(), "keyport-cli-"));
    writeFileSync(path.join(dir, "server-address"), `http://localhost:${port}\n`);
    const viaFile = await run(["workspace", "list", "--json"], { KEYPORT_OPERATOR_TOKEN: TOKEN, KEYPORT_DATA_DIR: dir });
    expect(viaFile.stderr).toBe("");
    expect(viaFile.code).toBe(0);
    const explicit = await run(["workspace", "list"], { KEYPORT_OPERATOR_TOKEN: TOKEN, KEYPORT_DATA_DIR: dir, PORT: port, KEYPORT_URL: "http://127.0.0.1:9" });
    expect(explicit.code).toBe(1);
    expect(explicit.stderr).toMatch(/http:\/\/127\.0\.0\.1:9/);
  });

  it("runs the whole provisioning flow with --json output exactly as README documents it", async () => {
    const ws = await json(["workspace", "create", "--name", "Acme", "--slug", "acme"]);
    expect(Object.keys(ws).sort()).toEqual(["rootKey", "workspaceId"]);
    expect(ws.workspaceId).toMatch(/^ws_/);
    expect(ws.rootKey).toMatch(/^unkey_/);

    const list = await json(["workspace", "list"]);
    expect(Object.keys(list)).toEqual(["workspaces"]);
    expect(list.workspaces.map((w: { workspaceId: string }) => w.workspaceId)).toContain(ws.workspaceId);

    const rk = await json(["root-key", "create", "--workspace", ws.workspaceId, "--permission", "api.*.read_api", "--permission", "portal.*.create_portal_session"]);
    expect(Object.keys(rk).sort()).toEqual(["keyId", "rootKey"]);
    const rks = await json(["root-key", "list", "--workspace", ws.workspaceId]);
    expect(Object.keys(rks)).toEqual(["rootKeys"]);
    expect(rks.rootKeys).toHaveLength(2);
    expect(await json(["root-key", "revoke", "--key-id", rk.keyId])).toEqual({ revoked: true });

    const api = await json(["api", "create", "--workspace", ws.workspaceId, "--name", "production", "--prefix", "acme"]);
    expect(Object.keys(api)).toEqual(["apiId"]);

    const portal = await json([
      "portal", "create", "--workspace", ws.workspaceId, "--slug", "my-portal", "--api", api.apiId,
      "--name", "Acme keys", "--primary-color", "#4f46e5", "--logo-url", "https://acme.example/logo.png",
      "--return-url", "https://acme.example/settings", "--session", "sliding", "--max-keys", "5",
    ]);
    expect(portal).toEqual({ portalId: expect.stringMatching(/^pc_/), slug: "my-portal" });

    const portals = await json(["portal", "list", "--workspace", ws.workspaceId]);
    expect(portals.portals).toHaveLength(1);
    expect(portals.portals[0]).toMatchObject({ portalId: portal.portalId, displayName: "Acme keys", sessionPolicy: "sliding", maxKeys: 5, apiIds: [api.apiId], showKeyMeta: false });
    expect(await json(["portal", "update", "--workspace", ws.workspaceId, "--slug", "my-portal", "--show-key-meta"])).toMatchObject({ showKeyMeta: true });
    expect(await json(["portal", "update", "--workspace", ws.workspaceId, "--slug", "my-portal", "--hide-key-meta"])).toMatchObject({ showKeyMeta: false });

    const framed = await json([
      "portal", "update", "--workspace", ws.workspaceId, "--slug", "my-portal",
      "--embed-origin", "https://App.acme.example/", "--embed-origin", "http://localhost:5173",
    ]);
    expect(framed.embedOrigins).toEqual(["https://app.acme.example", "http://localhost:5173"]);
    expect((await cli(["portal", "get", "--workspace", ws.workspaceId, "--slug", "my-portal"])).stdout).toContain("framed by: https://app.acme.example, http://localhost:5173");
    expect((await json(["portal", "update", "--workspace", ws.workspaceId, "--slug", "my-portal", "--max-keys", "6"])).embedOrigins).toHaveLength(2);
    expect((await json(["portal", "update", "--workspace", ws.workspaceId, "--slug", "my-portal", "--embed-origin", ""])).embedOrigins).toEqual([]);

    const updated = await json(["portal", "update", "--workspace", ws.workspaceId, "--slug", "my-portal", "--max-keys", "7", "--logo-url", ""]);
    expect(updated).toMatchObject({ portalId: portal.portalId, maxKeys: 7 });
    expect(updated).not.toHaveProperty("logoUrl");
    expect((await json(["portal", "disable", "--workspace", ws.workspaceId, "--slug", "my-portal"])).enabled).toBe(false);
    expect((await json(["portal", "enable", "--workspace", ws.workspaceId, "--portal", portal.portalId])).enabled).toBe(true);
    expect((await json(["portal", "delete", "--workspace", ws.workspaceId, "--slug", "my-portal"])).portalId).toBe(portal.portalId);
    expect((await json(["portal", "list", "--workspace", ws.workspaceId])).portals).toEqual([]);
  }, 90_000); // about twenty CLI processes one after another: slow on a busy 2-core machine

  it("audit: the workspace's log newest first, filtered and paged by cursor", async () => {
    const ws = await json(["workspace", "create", "--name", "Audited"]);
    const api = await json(["api", "create", "--workspace", ws.workspaceId, "--name", "production"]);
    await json(["portal", "create", "--workspace", ws.workspaceId, "--slug", "audited", "--api", api.apiId]);
    const first = await json(["audit", "--workspace", ws.workspaceId, "--limit", "2"]);
    expect(first.events.map((e: { event: string }) => e.event)).toEqual(["portal.create", "api.create"]);
    expect(first.cursor).toEqual(expect.any(String));
    const rest = await json(["audit", "--workspace", ws.workspaceId, "--limit", "2", "--cursor", first.cursor]);
    expect(rest).toEqual({ events: [expect.objectContaining({ event: "workspace.create", actor: { type: "operator", id: "operator" } })] });
    const filtered = await json(["audit", "--workspace", ws.workspaceId, "--event", "api.create", "--since", "2020-01-01"]);
    expect(filtered.events).toEqual([expect.objectContaining({ event: "api.create", resourceId: api.apiId })]);
    const human = await cli(["audit", "--workspace", ws.workspaceId, "--limit", "1"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^TIME \(UTC\)\s+ACTOR\s+EVENT\s+RESOURCE\n.*operator:operator\s+portal\.create\s+pc_\w+\nMore: keyport audit --workspace ws_\w+ … --cursor \S+\n$/);
  });

  it("console-link prints a one-time sign-in link (operator, or one workspace); console-revoke ends sessions", async () => {
    const ws = await json(["workspace", "create", "--name", "Consoled"]);
    const op = await json(["console-link"]);
    expect(Object.keys(op).sort()).toEqual(["expiresAt", "url"]);
    expect(op.url).toMatch(/\/console\/sign-in\?code=kcl_[1-9A-HJ-NP-Za-km-z]{32,33}$/);
    const scoped = await cli(["console-link", "--workspace", ws.workspaceId]);
    expect(scoped.code).toBe(0);
    expect(scoped.stdout).toMatch(new RegExp(`^Console link for workspace ${ws.workspaceId} \\(its admin view only\\)\\.\nOpen it within 15 minutes \\(until \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\\); it works once:\n  http\\S+/console/sign-in\\?code=kcl_\\w+\n$`));

    // The link signs a browser in to that workspace; console-revoke ends it.
    const code = new URL(scoped.stdout.trim().split(/\s+/).pop()!).searchParams.get("code")!;
    const signedIn = await signInWithCode(await getDb(), code);
    expect(signedIn).toMatchObject({ ok: true, session: { workspaceId: ws.workspaceId } });
    expect(await json(["console-revoke", "--workspace", ws.workspaceId])).toEqual({ revoked: 1 });
    expect((await cli(["console-revoke"])).stdout).toMatch(/^Ended \d+ console sessions?\.\n$/);

    const missing = await cli(["console-link", "--workspace", "ws_doesNotExist"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: No workspace with id "ws_doesNotExist"/);
    const unknown = await cli(["console-revoke", "--session", "cs_doesNotExist"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error: No console session with id "cs_doesNotExist"/);
  });

  it("prints friendly text without --json", async () => {
    const r = await cli(["workspace", "create", "--name", "Human"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Created workspace ws_\w+/);
    expect(r.stdout).toMatch(/unkey_\w+/);
  });

  it("demo prints a ready portal link", async () => {
    const r = await cli(["demo"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Open this link within 15 minutes/);
    expect(r.stdout).toMatch(/\/portal\/pc_\w+\?session=pst_\w+/);
  });

  it("reads the token from <KEYPORT_DATA_DIR>/operator-token", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "keyport-cli-"));
    writeFileSync(path.join(dir, "operator-token"), TOKEN + "\n", { mode: 0o600 });
    const r = await cli(["workspace", "list", "--json"], { KEYPORT_DATA_DIR: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty("workspaces");
  });

  it("server refusals are one line with the server's detail, exit 1", async () => {
    const ws = await json(["workspace", "create", "--name", "Dup"]);
    const api = await json(["api", "create", "--workspace", ws.workspaceId, "--name", "production"]);
    await json(["portal", "create", "--workspace", ws.workspaceId, "--slug", "dup", "--api", api.apiId]);
    const dup = await cli(["portal", "create", "--workspace", ws.workspaceId, "--slug", "dup", "--api", api.apiId]);
    expect(dup.code).toBe(1);
    expect(dup.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(dup.stderr).toMatch(/^error: .*already has a portal with the slug "dup"/);

    const stranger = await cli(["portal", "create", "--workspace", ws.workspaceId, "--slug", "other", "--api", "api_notmine"]);
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toMatch(/^error: --api: "api_notmine" is not an API of workspace/);

    const wrong = await cli(["workspace", "list"], { KEYPORT_OPERATOR_TOKEN: "kpo_wrong" });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^error: The operator token is missing or wrong/);

    const missing = await cli(["portal", "disable", "--workspace", ws.workspaceId, "--slug", "nope"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("No portal");
  });
});
