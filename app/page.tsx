import Link from "next/link";
import { env } from "@/lib/env";
import "./docs/docs.css";

// PUBLIC_URL is read at request time, so one build serves any deployment.
export const dynamic = "force-dynamic";

/**
 * What this server is, and the one call a backend makes to send a user to their portal. A portal
 * whose return URL is this page (the demo's) sends its users back with `?reason=…`: they are greeted
 * with what happened and how to get back in.
 */
export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { reason } = await searchParams;
  const url = env().PUBLIC_URL;
  const createSession = `curl -X POST ${url}/v2/portal.createSession \\
  -H "Authorization: Bearer $ROOT_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{
    "slug": "my-portal",
    "externalId": "user_123",
    "permissions": ["api.*.read_key", "api.*.create_key", "api.*.reroll_key"]
  }'`;
  const response = `{
  "meta": { "requestId": "req_…" },
  "data": {
    "sessionId": "ps_…",
    "url": "${url}/portal/…?session=pst_…"
  }
}`;
  return (
    <main className="doc">
      {reason ? <PortalReturn expired={reason === "session_expired"} /> : null}
      <h1>Keyport</h1>
      <p>
        This server issues and verifies API keys for a SaaS product&apos;s own users, and gives each of them a branded{" "}
        <strong>customer portal</strong> to create, roll and revoke their keys and see their usage. Its HTTP API is
        wire-compatible with Unkey&apos;s v2 API, so the official <code>@unkey/api</code> SDK works against it with{" "}
        <code>serverURL: &quot;{url}&quot;</code>.
      </p>

      <h2>Send a user to their portal</h2>
      <p>
        Your backend holds a secret root key. When a signed-in user clicks &ldquo;API keys&rdquo;, mint a portal session for
        them and redirect to the returned <code>url</code>:
      </p>
      <pre tabIndex={0}>
        <code>{createSession}</code>
      </pre>
      <pre tabIndex={0}>
        <code>{response}</code>
      </pre>
      <p>
        The link works once and within 15 minutes; the portal then keeps the user signed in for 24 hours. Never send the root
        key to a browser.
      </p>

      <h2>Operators</h2>
      <p>
        Workspaces, root keys and portals are provisioned with the CLI from the project folder, for example{" "}
        <code>npx --no-install keyport demo</code> or <code>npx --no-install keyport workspace create --name Acme</code>.
      </p>

      <h2>Reference</h2>
      <ul>
        <li>
          <Link href="/docs/errors">Error reference</Link>: every error code, what it means and how to fix it.
        </li>
        <li>
          <a href="/openapi.json">OpenAPI document</a> (<code>/openapi.json</code>): every endpoint and request schema.
        </li>
      </ul>
    </main>
  );
}

/** The line a user sent back from a portal reads first. */
function PortalReturn({ expired }: { expired: boolean }) {
  return (
    <div className="doc-notice" role="note">
      <p>
        <strong>{expired ? "Your portal session has ended." : "You’ve left the API keys portal."}</strong> To manage your API keys
        again, open them from the app that sent you: it signs you in with a new link.
      </p>
      <p>
        Trying the demo? Run <code>npx --no-install keyport demo</code> for a fresh portal link.
      </p>
    </div>
  );
}
