// TEMPORARY (deleted after the run): shows the axe check fails with the badge colours before the fix.
import { expectAccessible } from "./fixtures/axe";
import { expect, test } from "./fixtures/portal-session";

test("the old badge colours fail axe colour-contrast", async ({ page, keyport }) => {
  const tenant = await keyport.tenant();
  await tenant.createKey({ externalId: "u", name: "Active" });
  await tenant.createKey({ externalId: "u", name: "Soon", expires: Date.now() + 2 * 86_400_000 });
  await page.goto((await tenant.createSession({ externalId: "u" })).url);
  await expect(page.getByTestId("signed-in-as")).toHaveText("u");
  await expectAccessible(page, "keys with the new colours");
  await page.addStyleTag({ content: ".portal{--ok:#16a34a;--warn:#d97706}" });
  const failure = await expectAccessible(page, "keys with the old colours").then(() => "passed", (e: Error) => e.message);
  console.log(failure);
  expect(failure).toContain("color-contrast");
  expect(failure).toContain("badge-active");
  expect(failure).toContain("badge-expiring");
});
