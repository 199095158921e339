import { expect } from "vitest";

/** The `type` prefix of every error the test servers send (their PUBLIC_URL is http://localhost:3000). */
export const TYPE = "http://localhost:3000/docs/errors/";

/** What `post` (lib/testing/fixtures.ts) returns; `headers` is optional so a hand-built answer can be checked too. */
export type ErrorAnswer = {
  status: number;
  headers?: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field below
  text: string;
};

const REQUEST_ID = /^req_[1-9A-HJ-NP-Za-km-z]+$/;
/** Internals an error body must never carry (docs/security.md "Secrets handling": no stack, no SQL, no driver message). */
const INTERNALS = /\bat .+\.(ts|js|mjs):\d+|node_modules|select |insert into|update "|postgres|PGlite|drizzle/i;

/**
 * The one check of an error answer: the whole envelope of docs/api.md "Conventions", exactly.
 * Status and `error.type` are the caller's; everything else every error must have: `error.status`
 * equal to the HTTP status, a title and detail, `errors[]` on a 400 and only there, a `req_` request id
 * that is also the X-Request-Id header, no `data`, no internals, and the content type (429 is
 * application/problem+json, which the SDK matches on; every other error is application/json).
 */
export function expectError(res: ErrorAnswer, status: number, code: string): void {
  expect(res.status, res.text).toBe(status);
  expect(res.body?.error?.type, res.text).toBe(TYPE + code);
  expect(res.body.error.status, res.text).toBe(status);
  expect(typeof res.body.error.title === "string" && res.body.error.title.length > 0, `title of ${res.text}`).toBe(true);
  expect(typeof res.body.error.detail === "string" && res.body.error.detail.length > 0, `detail of ${res.text}`).toBe(true);
  if (status === 400) expect(Array.isArray(res.body.error.errors), `errors[] of ${res.text}`).toBe(true);
  else expect(res.body.error, res.text).not.toHaveProperty("errors");
  expect(res.body).not.toHaveProperty("data");
  expect(res.body.meta?.requestId, res.text).toMatch(REQUEST_ID);
  if (res.headers) {
    expect(res.headers.get("x-request-id")).toBe(res.body.meta.requestId);
    expect(res.headers.get("content-type")).toBe(status === 429 ? "application/problem+json" : "application/json");
  }
  expect(res.text).not.toMatch(INTERNALS);
}
