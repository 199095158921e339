// @ts-check
// The answers of a mixed load (npm run soak), counted by request kind and HTTP status, and judged
// against the statuses each kind may answer: a total of "errors" would hide whether they were 429s
// the mix provokes or 503s from a server that fell over.

/** @typedef {Record<string, Record<string, number>>} AnswerCounts  kind → status → answers */

/**
 * @param {AnswerCounts} counts
 * @param {string} kind
 * @param {number} status
 */
export function countAnswer(counts, kind, status) {
  const byStatus = (counts[kind] ??= {});
  byStatus[status] = (byStatus[status] ?? 0) + 1;
}

/**
 * Adds `part` into `total`.
 * @param {AnswerCounts} total
 * @param {AnswerCounts} part
 */
export function addAnswers(total, part) {
  for (const [kind, byStatus] of Object.entries(part)) {
    const into = (total[kind] ??= {});
    for (const [status, n] of Object.entries(byStatus)) into[status] = (into[status] ?? 0) + n;
  }
}

/**
 * Requests per kind, whatever the answer.
 * @param {AnswerCounts} counts
 */
export function perKind(counts) {
  return Object.fromEntries(Object.entries(counts).map(([kind, byStatus]) => [kind, Object.values(byStatus).reduce((a, b) => a + b, 0)]));
}

/**
 * Every non-2xx answer by status, all kinds together: e.g. { "429": 12, "503": 3 }.
 * @param {AnswerCounts} counts
 * @returns {Record<string, number>}
 */
export function non2xxByStatus(counts) {
  /** @type {Record<string, number>} */
  const out = {};
  for (const byStatus of Object.values(counts)) {
    for (const [status, n] of Object.entries(byStatus)) if (!status.startsWith("2")) out[status] = (out[status] ?? 0) + n;
  }
  return out;
}

/**
 * The answers no kind should give: "kind status" → count, for every status not in `expected[kind]`
 * (a kind missing from `expected` expects nothing, so all its answers are unexpected).
 * @param {AnswerCounts} counts
 * @param {Record<string, readonly number[]>} expected
 * @returns {Record<string, number>}
 */
export function unexpectedAnswers(counts, expected) {
  /** @type {Record<string, number>} */
  const out = {};
  for (const [kind, byStatus] of Object.entries(counts)) {
    for (const [status, n] of Object.entries(byStatus)) if (!expected[kind]?.includes(Number(status))) out[`${kind} ${status}`] = n;
  }
  return out;
}
