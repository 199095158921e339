// @ts-check
// What a right answer looks like, per endpoint the bench loads, and the tally of how many answers were
// checked and wrong. Status codes alone would count a fast `200 {valid: false}` as a success.
//
// autocannon hands every body to `verifyBody` (it collects the text anyway), but parsing 10 k JSON
// bodies a second costs the load generator CPU that the server under test shares on this machine. So
// the autocannon runs check one body in SAMPLE_EVERY, deterministically (the 1st, the N+1st, …); the
// loops that send one request at a time check every body (every = 1).

/** One body in this many is parsed during an autocannon run (docs/benchmarks.md "Method"). */
export const SAMPLE_EVERY = 10;

/**
 * A body check: `expect` says what a right body is (for the report), `ok` decides.
 * @typedef {{ expect: string, ok: (body: string) => boolean }} BodyCheck
 */
/**
 * Checked bodies of one run: one in `every` was checked, `wrong` of those `checked` failed; `example`
 * is the start of the first wrong body (for latest.json and the log).
 * @typedef {{ expect: string, every: number, checked: number, wrong: number, example?: string }} BodyTally
 */

/**
 * The `data` member of a JSON envelope, or undefined when the body is not one.
 * @param {string} body
 * @returns {unknown}
 */
function dataOf(body) {
  try {
    const json = /** @type {{ data?: unknown } | null} */ (JSON.parse(body));
    return json?.data;
  } catch {
    return undefined;
  }
}

/**
 * keys.verifyKey answering `code` (valid exactly when the code is VALID). The floor answers the same shape.
 * @param {string} code
 * @returns {BodyCheck}
 */
export function verifyCode(code) {
  const valid = code === "VALID";
  return {
    expect: `data.valid ${valid}, data.code ${code}`,
    ok: (body) => {
      const d = /** @type {{ valid?: unknown, code?: unknown } | undefined} */ (dataOf(body));
      return d?.valid === valid && d?.code === code;
    },
  };
}

/**
 * A list endpoint's page: `data` an array of exactly `n` items, each with an id `field`.
 * @param {number} n
 * @param {string} field
 * @returns {BodyCheck}
 */
export function pageOf(n, field) {
  return {
    expect: `data: ${n} items with ${field}`,
    ok: (body) => {
      const d = dataOf(body);
      return Array.isArray(d) && d.length === n && d.every((item) => typeof item?.[field] === "string");
    },
  };
}

/**
 * An HTML page containing `text`.
 * @param {string} text
 * @returns {BodyCheck}
 */
export function htmlWith(text) {
  return { expect: `HTML containing "${text}"`, ok: (body) => body.includes(text) };
}

/**
 * `data[field]` a string starting with `prefix`.
 * @param {string} field
 * @param {string} prefix
 * @returns {BodyCheck}
 */
export function dataString(field, prefix) {
  return {
    expect: `data.${field} "${prefix}…"`,
    ok: (body) => {
      const d = /** @type {Record<string, unknown> | undefined} */ (dataOf(body));
      const v = d?.[field];
      return typeof v === "string" && v.startsWith(prefix);
    },
  };
}

/**
 * portal.getVerifications: buckets whose totals add up to exactly `total` (the events seeded in the window).
 * @param {number} total
 * @returns {BodyCheck}
 */
export function verificationTotal(total) {
  return {
    expect: `buckets summing to ${total} verifications`,
    ok: (body) => {
      const d = dataOf(body);
      return Array.isArray(d) && d.length > 0 && d.reduce((sum, b) => sum + (typeof b?.total === "number" ? b.total : NaN), 0) === total;
    },
  };
}

/**
 * A counter around `check`: `verifyBody` checks one body in `every` (the first one included) and
 * returns false for a wrong one (autocannon's `verifyBody` contract); `tally` is the running count.
 * @param {BodyCheck} check
 * @param {number} [every]
 */
export function bodySampler(check, every = SAMPLE_EVERY) {
  let seen = 0;
  /** @type {BodyTally} */
  const tally = { expect: check.expect, every, checked: 0, wrong: 0 };
  return {
    tally,
    /** @param {string} body */
    verifyBody: (body) => {
      if (seen++ % every !== 0) return true;
      tally.checked++;
      if (check.ok(body)) return true;
      tally.wrong++;
      tally.example ??= body.slice(0, 300);
      return false;
    },
  };
}

/**
 * Several tallies as one (the slices of a paired run, the steps of a flow).
 * @param {BodyTally[]} tallies
 * @returns {BodyTally | undefined}
 */
export function mergeTallies(tallies) {
  const first = tallies[0];
  if (!first) return undefined;
  return {
    expect: [...new Set(tallies.map((t) => t.expect))].join("; "),
    every: first.every,
    checked: tallies.reduce((s, t) => s + t.checked, 0),
    wrong: tallies.reduce((s, t) => s + t.wrong, 0),
    example: tallies.find((t) => t.example !== undefined)?.example,
  };
}

/**
 * Why a run's bodies fail its target, or "" when they do not: a wrong body, or none checked at all
 * (a run that checked nothing proves nothing).
 * @param {BodyTally | undefined} t
 */
export function bodyProblem(t) {
  if (!t) return "bodies not checked";
  if (t.checked === 0) return "no body checked";
  return t.wrong ? `${t.wrong} of ${t.checked} checked bodies wrong (expected ${t.expect})` : "";
}
