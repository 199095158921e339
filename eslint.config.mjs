import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Files that may use test tooling: tests, the shared test helpers in lib/testing/, Playwright's
// e2e/ and the runners' own configs. Everything else ships (Next.js bundles, the backend plane).
const TEST_FILES = ["**/*.test.ts", "**/*.spec.ts", "lib/testing/**", "e2e/**", "vitest*.config.*", "playwright.config.*"];

// Production code must not reach test tooling: a stray import would put vitest or a fixture into a
// server bundle. lib/testing/fence.test.ts checks the built bundle and the import graph as well.
const testFence = {
  files: ["**/*.{ts,tsx,js,jsx,mjs,cjs}"],
  ignores: TEST_FILES,
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          { group: ["vitest", "vitest/*", "@vitest/*"], message: "vitest is for *.test.ts files and lib/testing/ only." },
          { group: ["@playwright/test", "@playwright/test/*"], message: "Playwright is for e2e/ only." },
          { group: ["@/lib/testing", "@/lib/testing/*"], message: "lib/testing/ holds test helpers; production code may not import them." },
          { regex: "^(\\.\\.?/)+(lib/)?testing(/|$)", message: "lib/testing/ holds test helpers; production code may not import them." },
        ],
      },
    ],
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  testFence,
  { ignores: [".next/**", "node_modules/**", ".data/**", "db/migrations/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "e2e/artifacts/**"] },
];

export default config;
