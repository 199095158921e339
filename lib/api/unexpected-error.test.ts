import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { errorDoc } from "@/lib/api/catalogue";
import { setLogger } from "@/lib/log";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { expectError, TYPE } from "@/lib/testing/harness";
import { useTestApp } from "@/lib/testing/test-app";
import { BACKENDS } from "@/lib/testing/test-db";

/** What a failure's message, SQL or stack would bring along. Never in a response, never in a log line. */
const INTERNALS = /select|insert into|does not exist|relation|column|node_modules|\bat .+\.(ts|js|mjs):\d+|stack/i;
/** The response does not even name the driver or the ORM; the log line may (an error's class name, e.g. PostgresError). */
const DRIVERS = /postgres|pglite|drizzle/i;

/**
 * The generic 500 (lib/api/route.ts toApiError; docs/api.md "Conventions"), triggered for real: the
 * test's own throwaway database (in-memory PGlite, or a database created for this file on Postgres and
 * dropped after) loses a column a handler needs, so the driver fails inside a real route. The answer must
 * be the catalogue's unexpected_error envelope with nothing of the failure in it, and the one log line
 * about it must carry the request id and the error's name and codes only.
 */
describe.each(BACKENDS)("the generic 500 on %s", (backend) => {
  const app = useTestApp(backend);
  const lines: string[] = [];
  let rootKey: string;
  let workspaceId: string;
  let apiId: string;
  const repairs: string[] = [];

  beforeAll(async () => {
    setLogger(
      pino(
        { level: "trace", base: { service: "keyport" } },
        new Writable({
          write(chunk, _enc, done) {
            lines.push(String(chunk));
            done();
          },
        }),
      ),
    );
    ({ rootKey, workspaceId } = await seedWorkspace("Broken"));
    const api = await post(app.url, "/v2/apis.createApi", { name: "soon broken" }, rootKey);
    expect(api.status, api.text).toBe(200);
    apiId = api.body.data.apiId;
  });
  afterAll(() => setLogger(pino({ level: "silent" })));
  // Each test breaks one column; it is renamed back so the tests do not depend on each other.
  afterEach(async () => {
    for (const statement of repairs.splice(0)) await app.db.db.execute(sql.raw(statement));
  });

  async function renameColumn(table: string, column: string) {
    await app.db.db.execute(sql.raw(`alter table "${table}" rename column "${column}" to "${column}_gone"`));
    repairs.push(`alter table "${table}" rename column "${column}_gone" to "${column}"`);
  }

  /** The exact envelope, and the log lines of its request id. */
  function expectGeneric500(res: Awaited<ReturnType<typeof post>>): string[] {
    expectError(res, 500, "unkey/application/unexpected_error");
    const doc = errorDoc("unkey/application/unexpected_error");
    const requestId = res.body.meta.requestId as string;
    expect(requestId).toMatch(/^req_/);
    expect(res.headers.get("x-request-id")).toBe(requestId);
    expect(res.body).toEqual({ meta: { requestId }, error: { title: doc?.title, detail: doc?.detail, status: 500, type: `${TYPE}unkey/application/unexpected_error` } });
    expect(res.text).not.toMatch(INTERNALS);
    expect(res.text).not.toMatch(DRIVERS);
    return lines.filter((l) => JSON.parse(l).requestId === requestId);
  }

  /** The "unexpected error" line: level error, the request id, and only the error's name and codes. */
  function expectQuietLog(own: string[], column: string) {
    const errors = own.map((l) => JSON.parse(l)).filter((l) => l.msg === "unexpected error");
    expect(errors).toHaveLength(1);
    const [line] = errors;
    expect(line.level).toBe(50);
    // No message, no stack: describe() in lib/api/route.ts keeps these four fields at most.
    expect(["causeCode", "causeName", "code", "name"]).toEqual(expect.arrayContaining(Object.keys(line.err)));
    // undefined_column, the one detail an operator needs to search for, travels as a code.
    expect([line.err.code, line.err.causeCode]).toContain("42703");
    for (const l of own) {
      expect(l).not.toMatch(INTERNALS);
      expect(l).not.toContain(column);
      expect(l).not.toContain(rootKey);
    }
    expect(own.map((l) => JSON.parse(l).msg)).toEqual(["unexpected error", "request"]);
  }

  it("a read whose column is gone (apis.getApi without apis.name): 500 with the catalogue's words only", async () => {
    await renameColumn("apis", "name");
    const res = await post(app.url, "/v2/apis.getApi", { apiId }, rootKey);
    expectQuietLog(expectGeneric500(res), "name_gone");
  });

  it("a write whose audit row cannot be written (apis.createApi without audit_log.event): 500, and the API row is rolled back", async () => {
    await renameColumn("audit_log", "event");
    const res = await post(app.url, "/v2/apis.createApi", { name: "never there" }, rootKey);
    expectQuietLog(expectGeneric500(res), "event_gone");
    const left = (await app.db.db.execute(sql`select count(*) as n from apis where workspace_id = ${workspaceId} and name = 'never there'`)) as unknown;
    const rows = (Array.isArray(left) ? left : (left as { rows: { n: unknown }[] }).rows) as { n: unknown }[];
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it("with the column back, the same calls succeed again (the failures above were the broken column's)", async () => {
    expect((await post(app.url, "/v2/apis.getApi", { apiId }, rootKey)).status).toBe(200);
    expect((await post(app.url, "/v2/apis.createApi", { name: "there now" }, rootKey)).status).toBe(200);
  });
});
