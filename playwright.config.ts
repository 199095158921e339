import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE = `http://localhost:${PORT}`;
const OPERATOR_TOKEN = "e2e-operator-token-0123456789abcdef";
// The portal-session fixture (e2e/fixtures/portal-session.ts) provisions through the operator API of
// the server started below; test workers inherit this environment.
process.env.KEYPORT_OPERATOR_TOKEN = OPERATOR_TOKEN;

/**
 * End-to-end flows in Debian's Chromium (Playwright cannot download its own browser here).
 * The server is the production build on a fresh PGlite folder, unless E2E_DATABASE_URL is set.
 */
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "e2e/artifacts/results",
  timeout: 60_000,
  workers: 1,
  // One retry, for what the browser itself drops on a loaded machine (CI once saw Chromium answer
  // "Unable to capture screenshot"); a test that needs it is reported as flaky in the list, not hidden.
  retries: 1,
  reporter: [["list"]],
  use: {
    baseURL: BASE,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: "node bin/server.mjs",
    url: `${BASE}/v2/liveness`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      PUBLIC_URL: BASE,
      // npm test passes a folder it removes afterwards; a bare `playwright test` gets one per run under /tmp.
      KEYPORT_DATA_DIR: process.env.E2E_DATA_DIR ?? `/tmp/keyport-e2e-${process.pid}`,
      KEYPORT_OPERATOR_TOKEN: OPERATOR_TOKEN,
      SESSION_SECRET: "e2e-session-secret-0123456789abcdef0123456789",
      KEYPORT_LOG_LEVEL: "warn",
      // Empty means unset (lib/env.ts): without E2E_DATABASE_URL the server is on PGlite even when the
      // test runner's own DATABASE_URL (the integration suites' Postgres) is in the environment.
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
    },
  },
});
