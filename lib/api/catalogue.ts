/**
 * The error catalogue: one entry per error code. It drives both the API envelope
 * (status, title, `type` URL) and the pages under /docs/errors (what happened, how to fix,
 * common mistakes). Code paths follow Unkey's `<system>/<category>/<code>` scheme.
 */
export type ErrorDoc = {
  code: string;
  status: number;
  title: string;
  /** The detail sent when a caller does not give a more specific one. */
  detail: string;
  /** What happened, in a paragraph or two. Placeholders: {{PUBLIC_URL}}. */
  happened: string;
  /** Numbered steps; a step may carry a shell example. */
  fix: { step: string; example?: string }[];
  mistakes: { title: string; text: string }[];
};

const CREATE_SESSION_CURL = `curl -X POST {{PUBLIC_URL}}/v2/portal.createSession \\
  -H "Authorization: Bearer $ROOT_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"slug":"my-portal","externalId":"user_123","permissions":["api.*.read_key"]}'`;

export const CATALOGUE = [
  {
    code: "unkey/authentication/missing",
    status: 401,
    title: "Unauthorized",
    detail: "Authentication credentials were not provided. Send your root key as `Authorization: Bearer <rootKey>`.",
    happened:
      "The request reached an endpoint that needs a root key, but it carried no Authorization header at all. Root-key endpoints (apis.*, keys.*, identities.*, portal.createSession and the other backend calls) identify the calling workspace by that header; without it Keyport cannot tell whose data you are asking for, so nothing was read or changed.",
    fix: [
      {
        step: "Create a root key for your workspace if you do not have one (the operator runs `npx --no-install keyport workspace create --name Acme` or `root-key create`). Keep it on your backend only.",
      },
      {
        step: "Send it on every backend call as a Bearer token:",
        example: `curl -X POST {{PUBLIC_URL}}/v2/apis.createApi \\
  -H "Authorization: Bearer $ROOT_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"name":"production"}'`,
      },
      {
        step: "With the official SDK the key goes in the constructor: `new Unkey({ rootKey: process.env.ROOT_KEY, serverURL: \"{{PUBLIC_URL}}\" })`.",
      },
    ],
    mistakes: [
      { title: "An empty environment variable", text: "`Bearer $ROOT_KEY` with the variable unset sends no usable header. Check the variable is set in the process that makes the call." },
      { title: "A proxy that strips Authorization", text: "Some gateways and redirects (http → https) drop the header. Call the server's address directly, over the scheme it serves." },
      { title: "Putting the key in the query string", text: "Keyport ignores `?rootKey=` and similar: query strings end up in logs. Only the header counts." },
    ],
  },
  {
    code: "unkey/authentication/malformed",
    status: 401,
    title: "Unauthorized",
    detail: "The Authorization header must have the form `Bearer <rootKey>`.",
    happened:
      "An Authorization header arrived, but not in the form `Bearer <token>`: another scheme (Basic, Token), the word Bearer with nothing after it, or extra spaces or parts.",
    fix: [
      { step: "Send exactly `Authorization: Bearer <rootKey>`, one space between the scheme and the key.", example: `curl -X POST {{PUBLIC_URL}}/v2/apis.getApi \\
  -H "Authorization: Bearer $ROOT_KEY" -H "Content-Type: application/json" -d '{"apiId":"api_..."}'` },
    ],
    mistakes: [
      { title: "Quotes around the key", text: "`Bearer \"unkey_…\"` includes the quotes in the token." },
      { title: "Basic auth", text: "Keyport does not accept HTTP Basic credentials for root keys." },
    ],
  },
  {
    code: "unkey/authentication/key_not_found",
    status: 401,
    title: "Unauthorized",
    detail: "The root key was not found. It may be mistyped, revoked or expired.",
    happened: "The Bearer token does not match any live root key: it was mistyped, revoked, expired, or belongs to another Keyport server.",
    fix: [
      { step: "Check that the key your backend sends is the one printed when it was created (only its first characters are shown afterwards)." },
      { step: "If it was revoked, have the operator create a new one: `npx --no-install keyport root-key create --workspace ws_...`." },
    ],
    mistakes: [
      { title: "Sending an end user's API key", text: "Keys created with keys.createKey are verified with keys.verifyKey; they cannot call the API as a root key." },
      { title: "Sending a portal access token", text: "Portal tokens (`pat_…`) call portal endpoints only." },
    ],
  },
  {
    code: "unkey/authentication/portal_token_missing",
    status: 401,
    title: "Unauthorized",
    detail: "A portal session token is required for this request.",
    happened:
      "The request reached a portal endpoint (portal.listKeys, portal.rerollKey, …) without a portal session. These endpoints act for one end user, so they accept only that user's session: the httpOnly `portal_session` cookie that the portal sets after a code exchange, or `Authorization: Bearer <accessToken>`. A root key is a backend credential and is never accepted here. Typical causes: the user opened the portal address directly instead of following a link minted by your backend; cookies are blocked or were cleared; a private window; or a backend calling a portal endpoint with its root key.",
    fix: [
      { step: "From your backend, mint a session for the signed-in user with your root key:", example: CREATE_SESSION_CURL },
      { step: "Redirect the user to the `url` in the response. The portal redeems the one-time code (valid 15 minutes) and sets a session cookie that lasts 24 hours." },
      {
        step: "Calling from code instead of the browser: exchange the code yourself and send the access token as a Bearer token.",
        example: `curl -X POST {{PUBLIC_URL}}/v2/portal.exchangeCode \\
  -H "Content-Type: application/json" -d '{"code":"pst_..."}'
curl -X POST {{PUBLIC_URL}}/v2/portal.listKeys \\
  -H "Authorization: Bearer $ACCESS_TOKEN" -H "Content-Type: application/json" -d '{}'`,
      },
      { step: "The cookie works for the portal's own pages on this server. Other origins must use the Bearer token: Keyport grants no credentialed CORS, so `fetch(..., { credentials: \"include\" })` from another site will not carry the cookie." },
    ],
    mistakes: [
      { title: "Calling portal endpoints with a root key", text: "Root keys authenticate your backend, not an end user. Create a portal session and use its token." },
      { title: "Linking to the portal directly", text: "A bookmark or a hard-coded link has no code. Users must arrive through a URL your backend just minted." },
      { title: "Not minting a new session after expiry", text: "Sessions end after 24 hours (or 24 hours idle on a sliding portal). Mint a new one when the portal sends the user back with `reason=session_expired`." },
    ],
  },
  {
    code: "unkey/authentication/portal_session_not_found",
    status: 401,
    title: "Unauthorized",
    detail: "The portal session or code is invalid, expired, revoked or already used.",
    happened:
      "The one-time code or the access token does not name a live session. Codes are single-use and expire 15 minutes after they are minted; sessions end after their lifetime, on sign-out, or when your backend revokes them. Keyport gives the same answer for every one of these cases so that nothing can be learnt by guessing.",
    fix: [
      { step: "Mint a new session from your backend and send the user to its new URL:", example: CREATE_SESSION_CURL },
    ],
    mistakes: [
      { title: "Reusing a portal link", text: "A link works once. Mint one per visit, just before redirecting." },
      { title: "Link scanners", text: "Email and chat scanners may fetch links. Keyport never redeems a code on a plain GET, but do not send portal links through channels where they wait for hours: codes expire after 15 minutes." },
    ],
  },
  {
    code: "unkey/authorization/insufficient_permissions",
    status: 403,
    title: "Forbidden",
    detail: "The caller lacks a permission this request needs.",
    happened: "The credential is valid but does not hold the permission the request needs. The detail names the missing permission. For portal.createSession this also means a session asked for more than the root key itself holds: a session never exceeds its root key.",
    fix: [
      { step: "Grant the named permission to the root key (or mint the root key with it): `npx --no-install keyport root-key create --workspace ws_... --permission api.*.create_key`." },
      { step: "For portal sessions, ask only for permissions your root key holds, or use a root key that holds them." },
    ],
    mistakes: [
      { title: "Near-miss wildcards", text: "`api.*` does not cover `api.*.create_key`; a `*` stands for one whole segment, or everything when it is the entire permission." },
    ],
  },
  {
    code: "unkey/authorization/forbidden",
    status: 403,
    title: "Forbidden",
    detail: "This action is not allowed.",
    happened: "The request was refused as a whole: the portal is disabled, the session is a preview (read-only), or a state-changing request arrived with the browser cookie but without a same-origin signal (a possible cross-site request forgery).",
    fix: [
      { step: "For a disabled portal, ask the operator to enable it: `npx --no-install keyport portal enable --workspace ws_... --slug my-portal`." },
      { step: "Preview sessions cannot change anything; mint a session without `preview: true`." },
      { step: "From another origin, call with `Authorization: Bearer <accessToken>` instead of the cookie." },
    ],
    mistakes: [{ title: "Posting forms across sites", text: "Browsers send the cookie on cross-site form posts; Keyport refuses those on purpose." }],
  },
  {
    code: "unkey/limits/key_limit_exceeded",
    status: 403,
    title: "Forbidden",
    detail: "This user already holds the maximum number of keys this portal allows.",
    happened: "Each portal caps how many live keys one end user may hold (20 unless the operator set another value). This user is at the cap.",
    fix: [{ step: "Revoke a key you no longer use, then create the new one. Operators can raise the cap with `keyport portal update --max-keys N`." }],
    mistakes: [{ title: "Rerolling is not creating", text: "Rerolling replaces a key and does not count against the cap." }],
  },
  {
    code: "unkey/data/portal_config_not_found",
    status: 404,
    title: "Not Found",
    detail: "Portal configuration not found.",
    happened:
      "portal.createSession named a portal (by `slug`, or by `portal` as a slug or `pc_` id) that does not exist in the root key's workspace. Lookups are exact, case-sensitive and scoped to the workspace of the calling root key, so a slug of another workspace is not found either — Keyport answers 404 rather than 401 because the root key itself is fine. A root key without `portal.*.create_portal_session` gets the same answer, as if the portal did not exist.",
    fix: [
      { step: "Check the slug. Slugs are 3–64 characters of lowercase a–z, 0–9 and single hyphens (never two in a row), with no hyphen at either end.", example: CREATE_SESSION_CURL },
      { step: "Check that the root key belongs to the workspace that owns the portal. The operator can list portals: `npx --no-install keyport portal list --workspace ws_...`." },
      { step: "If no portal exists yet, the operator provisions one: `npx --no-install keyport portal create --workspace ws_... --slug my-portal --api api_...`." },
      { step: "Make sure the root key holds `portal.*.create_portal_session` (or `*`)." },
    ],
    mistakes: [
      { title: "Case", text: "`My-Portal` does not find `my-portal`. Slugs are always lowercase." },
      { title: "Wrong workspace", text: "A root key of another workspace gets 404, not 401: the lookup is scoped to the key's workspace." },
      { title: "Punctuation", text: "Underscores, dots and spaces are not allowed in slugs, nor a leading or trailing hyphen." },
    ],
  },
  ...(["api", "key", "identity"] as const).map((thing) => ({
    code: `unkey/data/${thing}_not_found` as const,
    status: 404,
    title: "Not Found",
    detail: `The requested ${thing} does not exist or is not visible to you.`,
    happened: `No ${thing} with that id exists in your workspace${thing === "key" ? " (or, in the portal, among the signed-in user's keys)" : ""}. Ids of other workspaces get this same answer, so nothing about them leaks.`,
    fix: [{ step: `Check the id. List what you have with the matching list endpoint and use an id from it.` }],
    mistakes: [{ title: "Mixing workspaces", text: "An id created with one workspace's root key is invisible to another's." }],
  })),
  {
    code: "unkey/data/identity_already_exists",
    status: 409,
    title: "Conflict",
    detail: "An identity with this externalId already exists in the workspace.",
    happened: "`externalId` is unique per workspace, and one with this value exists.",
    fix: [{ step: "Fetch the existing identity with identities.getIdentity, or update it with identities.updateIdentity." }],
    mistakes: [{ title: "Creating on every sign-in", text: "keys.createKey creates a missing identity for you; you rarely need identities.createIdentity." }],
  },
  {
    code: "unkey/data/key_already_rerolled",
    status: 409,
    title: "Conflict",
    detail: "This key was already rerolled. Reroll its replacement instead.",
    happened:
      "A key can be rerolled once: the reroll creates a replacement key with the same configuration and puts the old key on a grace period (or revokes it at once). This key already has a replacement, so a second reroll would fork it into two live keys. This also happens when two reroll requests for the same key race: exactly one wins and the other gets this answer.",
    fix: [
      { step: "List the keys (apis.listKeys, or portal.listKeys in the portal) and reroll the newest key, the one that replaced this one." },
      { step: "If you retried a reroll whose response was lost, the replacement exists but its plaintext is gone: reroll the replacement to get a fresh key shown once." },
    ],
    mistakes: [
      { title: "Retrying on a timeout", text: "A reroll that timed out on your side may have succeeded. Look for the replacement before retrying." },
    ],
  },
  {
    code: "keyport/data/key_credits_moved",
    status: 409,
    title: "Conflict",
    detail: "This key was rerolled: its credits belong to its replacement now.",
    happened:
      "A reroll moves the key's credit balance to the replacement, and while the old key is in its grace period both keys spend from that one balance (so a roll never adds spending power). Changing the old key's credits would change nothing either key can spend, so it is refused. The replacement's id is in `error.context.replacedBy`.",
    fix: [
      { step: "Change the credits of the replacement key instead (keys.updateCredits or keys.updateKey with its keyId): both keys spend from it until the grace period ends." },
    ],
    mistakes: [
      { title: "Topping up the key your customer still uses", text: "A customer on the old key during its grace period is already spending the replacement's balance; top that one up." },
    ],
  },
  {
    code: "unkey/application/invalid_input",
    status: 400,
    title: "Bad Request",
    detail: "The request body does not match the schema.",
    happened: "The JSON parsed, but a field is missing, has the wrong type, is out of range, or is not defined for this endpoint. `errors` lists each problem with its location (such as `body.name`) and how to fix it.",
    fix: [{ step: "Read `error.errors[]`; each entry names the field and the rule. The request shapes are in {{PUBLIC_URL}}/openapi.json." }],
    mistakes: [
      { title: "Extra fields", text: "Fields the endpoint does not define are refused rather than silently ignored." },
      { title: "Seconds instead of milliseconds", text: "Times are unix milliseconds." },
      { title: "Numbers past a field's range", text: "Credits and refill amounts are at most 2,147,483,647; rate limits at most 1,000,000,000 per window of at most 30 days; times at most 8,640,000,000,000,000. The same bounds apply to a portal's `keyTemplate`." },
      { title: "Very many problems at once", text: "`errors[]` lists the first 20 problems (unknown fields included); `detail` says how many more there were. Fix those and send again." },
      { title: "Deeply nested JSON", text: "Objects and arrays may nest at most 32 levels deep in a request body, `meta` included." },
    ],
  },
  {
    code: "unkey/application/service_unavailable",
    status: 503,
    title: "Service Unavailable",
    detail: "The service is temporarily unavailable. Retry shortly.",
    happened:
      "Keyport could not reach its database within a couple of seconds, so it answered at once instead of hanging. A request that fails this way changed nothing: writes run in one transaction, which never committed. The server itself is still up and reconnects on its own when the database is back.",
    fix: [
      { step: "Retry with exponential backoff (for example 1 s, 2 s, 4 s). Idempotent reads can be retried freely; a failed write is safe to repeat because it did not happen." },
      { step: "Operators: check that the Postgres server named by DATABASE_URL is running and reachable from the Keyport host (`pg_isready -d \"$DATABASE_URL\"`), and that it is not out of connections. No restart of Keyport is needed." },
    ],
    mistakes: [
      { title: "Treating 503 as an invalid key", text: "For keys.verifyKey a 503 says nothing about the key. Decide whether your API fails open or closed while Keyport is unreachable; do not tell the user their key is invalid." },
      { title: "Retrying in a tight loop", text: "Thousands of immediate retries slow the recovery down. Back off." },
    ],
  },
  {
    code: "unkey/application/unexpected_error",
    status: 500,
    title: "Internal Server Error",
    detail: "An unexpected error occurred. Quote the request id when you report it.",
    happened:
      "Something failed inside Keyport that it did not expect. The response deliberately carries no stack trace, SQL or other internals; the server log has the error under the same request id (`meta.requestId`, also in the `X-Request-Id` header). Writes run in one transaction, so a failed request leaves nothing half done.",
    fix: [
      { step: "Retry once. If it happens again, report it with the request id of the response." },
      { step: "Operators: search the server log for that request id to find the error name and code." },
    ],
    mistakes: [{ title: "Dropping the request id", text: "Without `meta.requestId` the log line cannot be found. Log it on your side whenever a call fails." }],
  },
  {
    code: "user/bad_request/request_body_unreadable",
    status: 400,
    title: "Bad Request",
    detail: "The request body is not valid JSON.",
    happened:
      "The request said `Content-Type: application/json`, but its body is not valid JSON: a trailing comma, single quotes, an unquoted key, or a body cut short. Keyport did not guess what was meant; nothing was read or changed.",
    fix: [
      {
        step: "Send one JSON object. In a shell, wrap it in single quotes so the double quotes inside survive:",
        example: `curl -X POST {{PUBLIC_URL}}/v2/apis.createApi \\
  -H "Authorization: Bearer $ROOT_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"name":"production"}'`,
      },
      { step: "From code, build the body with `JSON.stringify(...)` rather than by concatenating strings." },
    ],
    mistakes: [
      { title: "Form encoding", text: "`-d name=x` sends a form body, not JSON." },
      { title: "Shell quoting", text: "`-d \"{name: 'x'}\"` sends JavaScript, not JSON: keys and strings need double quotes." },
    ],
  },
  {
    code: "user/bad_request/request_body_too_large",
    status: 413,
    title: "Payload Too Large",
    detail: "The request body exceeds the 1 MiB limit.",
    happened:
      "Request bodies are capped at 1 MiB, and this one was larger (by its Content-Length, or while it was being read). Keyport stopped reading and changed nothing. No endpoint needs anywhere near this much: `meta` objects are limited to 10 KB.",
    fix: [
      { step: "Send less. Keep large data in your own store and put only an id in `meta`." },
      { step: "Creating many keys? Send one request per key instead of one huge body." },
    ],
    mistakes: [{ title: "Sending a file", text: "Logos and documents are referenced by URL (for example a portal's logo URL), never uploaded." }],
  },
  {
    code: "user/bad_request/unsupported_content_type",
    status: 415,
    title: "Unsupported Media Type",
    detail: "Requests must have `Content-Type: application/json`.",
    happened: "Every API request carries a JSON body labelled `Content-Type: application/json`. This also means browsers cannot forge API calls with plain HTML forms.",
    fix: [{ step: "Add `-H \"Content-Type: application/json\"`." }],
    mistakes: [{ title: "text/plain", text: "Some HTTP clients default to text/plain for string bodies." }],
  },
  {
    code: "user/too_many_requests/rate_limited",
    status: 429,
    title: "Too Many Requests",
    detail: "Too many requests. Retry after the number of seconds in Retry-After.",
    happened:
      "This client address made too many failed attempts in one minute: redeeming invalid portal codes, or calling the operator API with a wrong operator token. Past the limit (`KEYPORT_EXCHANGE_FAILURE_LIMIT` per minute, default 30) further failures from the address are answered 429 until the minute ends. A valid code and the right operator token always pass, so a flood of bad attempts from a shared address locks nobody out.",
    fix: [
      { step: "Wait for the number of seconds in the `Retry-After` header, then retry with a valid code or the right operator token." },
      { step: "A script that keeps failing keeps its address limited: fix its token or code before it retries." },
    ],
    mistakes: [
      { title: "Retrying used codes", text: "A used code never works again; mint a new session instead of retrying." },
      { title: "A stale operator token in a loop", text: "After a token rotation, a script still sending the old token fills the counter of its address within a minute." },
    ],
  },
  {
    code: "keyport/authentication/operator_token_invalid",
    status: 401,
    title: "Unauthorized",
    detail: "The operator token is missing or wrong. Send it as `Authorization: Bearer <operatorToken>`.",
    happened:
      "The request reached the operator API (`/operator/v1/*`), which creates workspaces, root keys and portal configurations for the whole server. It accepts only the operator token, and the request carried none, or a token that is not one of the configured ones. Root keys and portal tokens are never accepted here: they belong to one workspace, the operator token to the server.",
    fix: [
      {
        step: "Use the token the server printed on its first start. It is also kept, readable only by the server's user, in `<KEYPORT_DATA_DIR>/operator-token` (default `./.data/operator-token`), where the CLI finds it on its own:",
        example: `npx --no-install keyport workspace list --url {{PUBLIC_URL}}`,
      },
      {
        step: "Calling the API directly, send it as a Bearer token:",
        example: `curl -X POST {{PUBLIC_URL}}/operator/v1/workspaces.list \\
  -H "Authorization: Bearer $(cat .data/operator-token)" \\
  -H "Content-Type: application/json" -d '{}'`,
      },
      { step: "If the server runs with `KEYPORT_OPERATOR_TOKEN`, that variable is the token (comma-separated values are all accepted, for rotation) and no file is written." },
    ],
    mistakes: [
      { title: "Sending a root key", text: "`unkey_…` root keys call `/v2/*` for one workspace; they cannot provision workspaces or portals." },
      { title: "A token from another data folder", text: "Each data folder (or Postgres database) has its own generated token. Point the CLI at the right one with `KEYPORT_DATA_DIR` or `KEYPORT_OPERATOR_TOKEN`." },
      { title: "A rotated token", text: "After `KEYPORT_OPERATOR_TOKEN` changes, only the listed tokens work; keep the old one in the list until every script has moved." },
    ],
  },
  {
    code: "keyport/data/workspace_not_found",
    status: 404,
    title: "Not Found",
    detail: "Workspace not found.",
    happened: "An operator request named a workspace id (`ws_…`) that does not exist on this server.",
    fix: [{ step: "List the workspaces and use an id from the list:", example: "npx --no-install keyport workspace list" }],
    mistakes: [{ title: "Using the name or slug", text: "Operator commands take the `ws_…` id that `workspace create` printed." }],
  },
  {
    code: "keyport/data/console_session_not_found",
    status: 404,
    title: "Not Found",
    detail: "Console session not found.",
    happened:
      "`console.revokeSessions` named a console session (`cs_…`) that does not exist, or that belongs to another workspace than the `workspaceId` sent with it. Nothing was revoked.",
    fix: [
      { step: "Revoke every console session of a workspace instead, which needs no session id:", example: "npx --no-install keyport console-revoke --workspace ws_..." },
      { step: "Or take the id from the audit log: each sign-in writes `console.session.create` with the session's id as its resource." },
    ],
    mistakes: [{ title: "A portal session id", text: "Portal sessions (`ps_…`) are revoked with `portal.revokeSession`; console sessions have ids starting `cs_`." }],
  },
  {
    code: "keyport/data/workspace_slug_taken",
    status: 409,
    title: "Conflict",
    detail: "Another workspace already uses this slug.",
    happened: "Workspace slugs are unique on the server, and one with this value exists.",
    fix: [{ step: "Pick another slug, or leave `--slug` out: it is optional." }],
    mistakes: [],
  },
  {
    code: "keyport/data/portal_slug_taken",
    status: 409,
    title: "Conflict",
    detail: "This workspace already has a portal with this slug.",
    happened: "A portal configuration is unique on (workspace, slug), and this workspace already has one with the requested slug. Nothing was created or changed.",
    fix: [
      { step: "Change the existing portal instead of creating a second one:", example: "npx --no-install keyport portal update --workspace ws_... --slug my-portal --name \"New name\"" },
      { step: "Or choose another slug." },
    ],
    mistakes: [{ title: "Re-running a provisioning script", text: "`portal create` is not idempotent; scripts should `portal list` first or treat 409 as done." }],
  },
  {
    code: "keyport/authentication/session_switch_unconfirmed",
    status: 409,
    title: "Conflict",
    detail: "This browser is signed in to this portal as another end user. Confirm the switch to redeem the link.",
    happened:
      "A portal link was opened in a browser that already holds a live session for the same portal under another `externalId`. Redeeming it silently would sign the browser in as the link's end user, and keys created afterwards would belong to that account: a login CSRF, where someone sends you a link minted for their own account. So the code was not redeemed; it stays usable until it expires. `error.context` names both accounts (`signedInAs`, `linkFor`), and the portal's landing page asks which one to use. This answer is only given to the portal's own pages (a same-origin request); any other origin gets 403 `forbidden` and learns nothing.",
    fix: [
      { step: "In the browser: choose on the landing page. \"Stay signed in\" keeps the current session and leaves the link unused; \"Switch\" redeems it." },
      {
        step: "Calling the endpoint yourself from the portal's origin: send the same code again with `confirmSwitch: true` once the user has chosen to switch.",
        example: `fetch("/v2/portal.exchangeCode", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code, confirmSwitch: true }) })`,
      },
    ],
    mistakes: [
      { title: "Confirming without asking", text: "Sending `confirmSwitch: true` on every call brings the login CSRF back. Only send it after the person at the browser chose the other account." },
      { title: "Server-side exchanges", text: "A backend or the SDK exchanging a code without the browser's sealed cookie never gets this answer: there is no session to switch from." },
    ],
  },
  {
    code: "keyport/routing/route_not_found",
    status: 404,
    title: "Not Found",
    detail: "No endpoint at this path. The list of endpoints is at /openapi.json.",
    happened:
      "The request reached the API (`/v2/*` or `/operator/v1/*`), but no endpoint has this path. Endpoint names are case-sensitive and use a dot between the resource and the verb, as in Unkey's v2 API: `/v2/keys.verifyKey`, not `/v2/keys/verifyKey` or `/v2/keys.verifykey`. Nothing was read or changed.",
    fix: [
      { step: "Check the spelling against the list of endpoints:", example: "curl -s {{PUBLIC_URL}}/openapi.json | jq -r '.paths | keys[]'" },
      { step: "Using an SDK? `@unkey/api` 2.x calls the v2 paths; point its `serverURL` at {{PUBLIC_URL}} without a trailing `/v2`." },
    ],
    mistakes: [
      { title: "A v1 path", text: "Keyport speaks Unkey's v2 API only; `/v1/keys.verifyKey` and the v1 SDK are not served." },
      { title: "A doubled prefix", text: "`serverURL: \"{{PUBLIC_URL}}/v2\"` makes the SDK call `/v2/v2/...`." },
    ],
  },
  {
    code: "keyport/routing/method_not_allowed",
    status: 405,
    title: "Method Not Allowed",
    detail: "This endpoint does not take this HTTP method. The `Allow` header lists the ones it takes.",
    happened:
      "Every API endpoint that reads or changes data takes POST with a JSON body, so no link, image or prefetch can trigger it; only `/v2/liveness` and `/openapi.json` also answer GET. Nothing was read or changed.",
    fix: [{ step: "Send POST with a JSON body:", example: "curl -X POST {{PUBLIC_URL}}/v2/liveness -H \"Content-Type: application/json\" -d '{}'" }],
    mistakes: [{ title: "Query-string parameters", text: "`GET /v2/keys.getKey?keyId=…` is refused: the id goes in the JSON body of a POST." }],
  },
] as const satisfies readonly ErrorDoc[];

export type ErrorCode = (typeof CATALOGUE)[number]["code"];

const byCode = new Map<string, ErrorDoc>(CATALOGUE.map((e) => [e.code, e]));

export function errorDoc(code: string): ErrorDoc | undefined {
  return byCode.get(code);
}

export function errorTypeUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/docs/errors/${code}`;
}
