import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { expect, test } from "./fixtures/portal-session";

/**
 * First-load JavaScript of the keys page (Next 16's Turbopack build no longer prints sizes):
 * every script the browser fetches on a cold load, raw and gzip-compressed. Recorded in
 * e2e/artifacts/first-load-js.json; the budget keeps the portal's client leaves small.
 */
test("the keys page ships little JavaScript", async ({ page, keyport }) => {
  const tenant = await keyport.tenant();
  for (let i = 0; i < 3; i++) await tenant.createKey({ externalId: "user_budget", name: `key ${i}` });
  const session = await tenant.createSession({ externalId: "user_budget" });
  await page.goto(session.url);
  await expect(page.getByTestId("signed-in-as")).toHaveText("user_budget");

  // A cold load of the keys page alone (the landing page's inline script is not counted).
  const scripts = new Map<string, Buffer>();
  page.on("response", async (res) => {
    if (res.request().resourceType() === "script") scripts.set(res.url(), await res.body().catch(() => Buffer.alloc(0)));
  });
  await page.reload({ waitUntil: "networkidle" });
  const inline = await page.evaluate(() => [...document.querySelectorAll("script:not([src])")].map((s) => s.textContent ?? "").join(""));
  const files = [...scripts.entries()].map(([url, body]) => ({ url: new URL(url).pathname, raw: body.length, gzip: gzipSync(body).length }));
  const raw = files.reduce((n, f) => n + f.raw, 0);
  const gzip = files.reduce((n, f) => n + f.gzip, 0);
  const report = { page: "/portal/[portalId]/keys", scripts: files.length, rawBytes: raw, gzipBytes: gzip, inlineRscBytes: inline.length, files };
  writeFileSync("e2e/artifacts/first-load-js.json", JSON.stringify(report, null, 2));
  console.log(`keys page first-load JS: ${files.length} files, ${(raw / 1024).toFixed(1)} KiB raw, ${(gzip / 1024).toFixed(1)} KiB gzip`);
  expect(gzip).toBeLessThan(200 * 1024);
});
