import type { Browser, Page } from "@playwright/test";
import { expectAccessible } from "./fixtures/axe";
import { expect, test, type KeyportClient, type Tenant } from "./fixtures/portal-session";
import { shot } from "./fixtures/screenshots";

/**
 * The portal in the session's language (docs/sessions.md "Languages"): a createSession `locale`
 * picks the closest shipped language, English otherwise; `<html lang>` says so from the first byte;
 * dates, numbers and relative times follow the locale, in the viewer's time zone. Only the active
 * language's messages reach the browser.
 */
const DAY = 86_400_000;
/** A fixed instant, so its exact wording in each language and zone is known. */
const EXPIRES = Date.UTC(2031, 2, 5, 14, 30);

async function portal(keyport: KeyportClient, options: { maxKeys?: number } = {}): Promise<{ tenant: Tenant; main: string }> {
  const tenant = await keyport.tenant({ portal: { displayName: "Acme Cloud", returnUrl: "https://app.acme.test/settings", ...options } });
  const main = await tenant.createKey({ externalId: "anna", name: "Produktionsserver", credits: { remaining: 1500 } });
  await tenant.createKey({ externalId: "anna", name: "Staging", expires: EXPIRES });
  await tenant.createKey({ externalId: "anna", name: "Bald fällig", expires: Date.now() + 2 * DAY + 3_600_000 });
  return { tenant, main: main.key };
}

/** The document's first bytes as this browser (its cookies) gets them: `<html lang>` must be right there, not set later by a script. */
async function firstBytes(page: Page, path: string): Promise<string> {
  const res = await page.request.get(path);
  expect(res.status()).toBe(200);
  return (await res.text()).slice(0, 120);
}

/** Everything the page gave the browser to run: its HTML (with the inline flight data) and every script file. */
async function everythingLoaded(page: Page): Promise<string> {
  const sources = await page.locator("script[src]").evaluateAll((els) => els.map((el) => (el as HTMLScriptElement).src));
  const files = await Promise.all(sources.map(async (src) => (await page.request.get(src)).text()));
  return [await page.content(), ...files].join("\n");
}

const row = (page: Page, name: string) => page.getByRole("row", { name: new RegExp(name) });

test.describe("German (locale: de)", () => {
  test.use({ timezoneId: "Europe/Berlin" });

  test("a German session renders the portal in German, with German dates and numbers, in the viewer's zone", async ({ page, keyport }) => {
    const { tenant } = await portal(keyport, { maxKeys: 4 });
    const session = await tenant.createSession({ externalId: "anna", locale: "de" });

    // The landing already speaks the link's language (a GET reads it; only the POST redeems the code).
    const landing = await page.request.get(session.url);
    const landingHtml = await landing.text();
    expect(landingHtml).toMatch(/^<!doctype html>\s*<html lang="de">/);
    expect(landingHtml).toContain("Sie werden angemeldet…");

    await page.goto(session.url);
    await expect(page.getByTestId("signed-in-as")).toHaveText("anna");
    await expect(page).toHaveURL(new RegExp(`/portal/${tenant.portalId}/keys$`));
    expect(await firstBytes(page, `/portal/${tenant.portalId}/keys`)).toMatch(/^<!DOCTYPE html><html lang="de">/);
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page).toHaveTitle("API-Schlüssel · Keyport");

    // The shell, the table and each key's state, limits and times.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("API-Schlüssel");
    await expect(page.getByText("Mit diesen Schlüsseln authentifizieren Sie Ihre Anfragen. Halten Sie sie geheim.")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Bereiche des Portals" }).getByRole("link")).toHaveText(["API-Schlüssel", "Nutzung", "Dokumentation"]);
    await expect(page.locator(".p-user")).toContainText("Angemeldet als anna");
    await expect(page.getByRole("link", { name: "Zurück zu Acme Cloud" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Abmelden" })).toBeEnabled();
    await expect(page.getByRole("columnheader")).toHaveText(["Name", "Schlüssel", "Erstellt", "Zuletzt verwendet", "Läuft ab", "Status", "Limits", "Aktionen"]);
    await expect(row(page, "Produktionsserver")).toContainText("1.500 Credits");
    await expect(row(page, "Produktionsserver")).toContainText("Aktiv");
    await expect(row(page, "Produktionsserver").locator('td[data-label="Erstellt"]')).toHaveText(/^(gerade eben|vor \d+ Minuten?)$/);
    await expect(row(page, "Produktionsserver").locator('td[data-label="Zuletzt verwendet"]')).toHaveText("Nie");
    await expect(row(page, "Bald fällig")).toContainText("Läuft bald ab");
    await expect(row(page, "Bald fällig").locator('td[data-label="Läuft ab"]')).toHaveText("übermorgen");
    // The exact instant on hover, worded in German, in the browser's zone (Berlin, winter time: MEZ).
    const expires = row(page, "Staging").locator('td[data-label="Läuft ab"] time');
    await expect(expires).toHaveAttribute("datetime", "2031-03-05T14:30:00.000Z");
    await expect(expires).toHaveAttribute("title", "5. März 2031, 15:30 MEZ");
    await expect(row(page, "Staging").locator('td[data-label="Limits"]')).toHaveText("Unbegrenzt");

    // Only German reached the browser: its client messages, no other language's.
    const loaded = await everythingLoaded(page);
    expect(loaded).toContain("Ich habe diesen Schl");
    for (const other of ["I have copied this key and stored it somewhere safe.", "J’ai copié cette clé", "He copiado esta clave", "このキーをコピーし"]) expect(loaded).not.toContain(other);

    // The filter, as you type.
    await page.getByPlaceholder("Nach Namen filtern").fill("xyz");
    await expect(page.getByRole("heading", { name: "Keine Schlüssel passen zu „xyz“" })).toBeVisible();
    await page.getByRole("link", { name: "Filter zurücksetzen" }).click();
    await expect(row(page, "Staging")).toBeVisible();

    // The create dialog, the secret shown once, then the portal's limit refused in German.
    await page.getByRole("button", { name: "Schlüssel erstellen" }).click();
    const create = page.getByRole("dialog", { name: "API-Schlüssel erstellen" });
    await expect(create.getByLabel("Läuft ab").locator("option")).toHaveText(["Nie", "In 7 Tagen", "In 30 Tagen", "In 90 Tagen", "In 1 Jahr"]);
    await expect(create.getByLabel("Name")).toHaveAttribute("placeholder", "z. B. Produktionsserver");
    await create.getByLabel("Name").fill("Neuer Schlüssel");
    await create.getByRole("button", { name: "Schlüssel erstellen" }).click();
    const reveal = page.getByRole("dialog", { name: "Ihr neuer API-Schlüssel" });
    await expect(reveal.getByTestId("new-key")).toHaveValue(/^acme_/);
    await reveal.getByRole("checkbox", { name: "Ich habe diesen Schlüssel kopiert und sicher aufbewahrt." }).check();
    await reveal.getByRole("button", { name: "Fertig" }).click();
    await expect(row(page, "Neuer Schlüssel")).toBeVisible();
    await page.getByRole("button", { name: "Schlüssel erstellen" }).click();
    await create.getByLabel("Name").fill("Einer zu viel");
    await create.getByRole("button", { name: "Schlüssel erstellen" }).click();
    await expect(create.getByRole("alert")).toHaveText("Sie haben bereits so viele aktive Schlüssel, wie dieses Portal erlaubt. Widerrufen Sie einen, um einen neuen zu erstellen.");
    await create.getByRole("button", { name: "Abbrechen" }).click();

    // A row's menu and the roll dialog.
    await page.getByRole("button", { name: "Aktionen für Staging" }).click();
    await expect(page.getByRole("menuitem")).toHaveText(["Umbenennen", "Rotieren", "Widerrufen"]);
    await page.getByRole("menuitem", { name: "Rotieren" }).click();
    const roll = page.getByRole("dialog", { name: "„Staging“ rotieren" });
    await expect(roll.getByRole("radio", { name: "Aktueller Schlüssel funktioniert noch 1 Stunde" })).toBeChecked();
    await roll.getByRole("button", { name: "Abbrechen" }).click();

    // Usage and docs.
    await page.getByRole("link", { name: "Nutzung" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Nutzung" })).toBeVisible();
    await expect(page).toHaveTitle("Nutzung · Keyport");
    await expect(page.getByRole("navigation", { name: "Zeitraum" }).getByRole("link")).toHaveText(["24 Stunden", "7 Tage", "30 Tage"]);
    await expect(page.getByText("Überprüfungen aller Ihrer Schlüssel in den letzten 24 Stunden.")).toBeVisible();
    await expect(page.getByTestId("usage-empty")).toContainText("Keine Überprüfungen in den letzten 24 Stunden");
    await page.getByRole("link", { name: "Dokumentation" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "So verwenden Sie Ihren API-Schlüssel" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Kopieren curl-Beispiel" })).toBeVisible();

    // Signing out ends on a German page.
    await page.getByRole("button", { name: "Abmelden" }).click();
    await expect(page).toHaveURL(new RegExp(`/portal/${tenant.portalId}/ended\\?reason=signed_out&lang=de$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sie sind abgemeldet");
    await expect(page.getByRole("link", { name: "Zurück zu Acme Cloud" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
  });

  test("the German usage tab words its chart and table in German", async ({ page, keyport }) => {
    const { tenant, main } = await portal(keyport);
    for (let i = 0; i < 3; i++) await tenant.verify(main);
    await page.goto((await tenant.createSession({ externalId: "anna", locale: "de-AT" })).url);
    await expect(page.getByTestId("signed-in-as")).toHaveText("anna");
    await page.goto(`/portal/${tenant.portalId}/analytics?range=7d`);
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("stat-total")).toHaveText("3", { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.locator(".stat .label")).toHaveText(["Gesamt", "Gültig", "Abgelehnt"]);
    await expect(page.getByTestId("time-zone")).toHaveText(/^Zeiten in Europe\/Berlin \(GMT\+[12]\)$/);
    await expect(page.getByRole("img", { name: /^Überprüfungen pro Stunde, alle Ihre Schlüssel, letzte 7 Tage/ })).toBeVisible();
    await page.getByText("Als Tabelle anzeigen").click();
    const table = page.getByRole("region", { name: "Tabelle der Überprüfungen" });
    await expect(table.getByRole("columnheader").first()).toHaveText("Stunde");
    // Row headers are German dates in the viewer's zone: `Mi., 26. Nov., 14:00`.
    await expect(table.getByRole("rowheader").first()).toHaveText(/^(Mo|Di|Mi|Do|Fr|Sa|So)\., \d{1,2}\. [A-ZÄÖÜa-zäöü]{3,4}\.?, \d{2}:00$/);
  });
});

test("a Japanese session renders the portal in Japanese, in Japanese time formats", async ({ browser, keyport }) => {
  const { tenant } = await portal(keyport);
  const context = await browser.newContext({ timezoneId: "Asia/Tokyo" });
  const page = await context.newPage();
  await page.goto((await tenant.createSession({ externalId: "anna", locale: "ja-JP" })).url);
  await expect(page.getByTestId("signed-in-as")).toHaveText("anna");
  expect(await firstBytes(page, `/portal/${tenant.portalId}/keys`)).toMatch(/^<!DOCTYPE html><html lang="ja">/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API キー");
  await expect(page).toHaveTitle("API キー · Keyport");
  await expect(page.locator(".p-user")).toContainText("anna としてサインイン中");
  await expect(page.getByRole("button", { name: "キーを作成" })).toBeVisible();
  await expect(row(page, "Produktionsserver")).toContainText("1,500 クレジット");
  await expect(row(page, "Produktionsserver")).toContainText("有効");
  await expect(row(page, "Bald fällig")).toContainText("まもなく期限切れ");
  await expect(row(page, "Staging").locator('td[data-label="有効期限"] time')).toHaveAttribute("title", "2031年3月5日 23:30 JST");
  await page.getByRole("link", { name: "使用状況" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "使用状況" })).toBeVisible();
  await expect(page.getByText("過去 24 時間のすべてのキーの検証数です。")).toBeVisible();
  await context.close();
});

test("without a locale, or with one that does not ship, the portal stays English", async ({ page, keyport }) => {
  const { tenant } = await portal(keyport);
  await page.goto((await tenant.createSession({ externalId: "anna" })).url);
  await expect(page.getByTestId("signed-in-as")).toHaveText("anna");
  expect(await firstBytes(page, `/portal/${tenant.portalId}/keys`)).toMatch(/^<!DOCTYPE html><html lang="en">/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API keys");
  await expect(row(page, "Produktionsserver")).toContainText("1,500 credits");
  await expect(row(page, "Staging").locator('td[data-label="Expires"] time')).toHaveAttribute("title", "5 Mar 2031, 14:30 UTC");

  await page.goto((await tenant.createSession({ externalId: "anna", locale: "pt-BR" })).url);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API keys");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(new RegExp(`/portal/${tenant.portalId}/ended\\?reason=signed_out$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You’re signed out");
});

test("in every shipped language the keys table fits a desktop screen: nothing scrolls sideways, the actions stay in view", async ({ page, keyport }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const locale of ["en", "de", "fr", "es", "ja"]) {
    const tenant = await busyTenant(keyport);
    await page.goto((await tenant.createSession({ externalId: "anna", locale })).url);
    await expect(page.getByTestId("signed-in-as")).toHaveText("anna");
    await page.waitForLoadState("load");
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    const wrap = page.locator(".table-wrap");
    expect(await wrap.evaluate((el) => el.scrollWidth <= el.clientWidth), `${locale}: the table scrolls sideways`).toBe(true);
    await expect(page.locator("td.cell-actions button").first()).toBeInViewport({ ratio: 1 });
    // Ordinary rows stay one line (a rolled key's row also names its successor).
    const heights = await page.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
    expect(heights[1], `${locale}: an ordinary row wraps`).toBeLessThan(56);
  }
});

/** A portal whose table has everything wide at once: a long name, credits and a rate limit, an expiring key, a rolled key. */
async function busyTenant(keyport: KeyportClient): Promise<Tenant> {
  const tenant = await keyport.tenant({ portal: { displayName: "Acme Cloud", returnUrl: "https://app.acme.test/settings" } });
  await tenant.v2("keys.createKey", {
    apiId: tenant.apiId,
    externalId: "anna",
    name: "Abrechnungsschnittstellenüberwachungsdienst",
    credits: { remaining: 1500 },
    ratelimits: [{ name: "requests", limit: 1000, duration: 10_000, autoApply: true }],
  });
  await tenant.createKey({ externalId: "anna", name: "Bald fällig", expires: Date.now() + 2 * DAY + 3_600_000 });
  const rolled = await tenant.createKey({ externalId: "anna", name: "Rolled" });
  await tenant.v2("keys.rerollKey", { keyId: rolled.keyId, expiration: 3_600_000 });
  return tenant;
}

/**
 * The keys page, its create dialog, the usage and docs tabs, the landing's switch prompt and the
 * ended page in German and Japanese, light and dark, at a desktop and a phone width: axe (WCAG 2 AA)
 * on each, and a screenshot for a person to look at (e2e/artifacts/screenshots/locale-*). Long German
 * words and Japanese text must not break the layout.
 */
type Words = { create: string; usage: string; docs: string; docsHeading: string; stay: string; signOut: string };

async function screens(browser: Browser, keyport: KeyportClient, locale: "de" | "ja", words: Words) {
  const tenant = await busyTenant(keyport);
  const main = await tenant.createKey({ externalId: "anna", name: "Produktionsserver" });
  for (let i = 0; i < 5; i++) await tenant.verify(main.key);
  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [1280, 390]) {
      const tag = `${locale}-${width}-${colorScheme}`;
      const context = await browser.newContext({ colorScheme, viewport: { width, height: width > 600 ? 900 : 844 }, timezoneId: locale === "ja" ? "Asia/Tokyo" : "Europe/Berlin" });
      const page = await context.newPage();
      const check = async (screen: string) => {
        await expectAccessible(page, `${screen} (${tag})`);
        await shot(page, `locale-${screen}-${tag}`);
        // Nothing wider than the screen: no long word pushes the page sideways.
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${screen} (${tag}) scrolls sideways`).toBeLessThanOrEqual(width);
      };
      await page.goto((await tenant.createSession({ externalId: "anna", locale })).url);
      await expect(page.getByTestId("signed-in-as")).toHaveText("anna");
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await check("keys");
      await page.getByRole("button", { name: words.create }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await check("create-dialog");
      await page.keyboard.press("Escape");
      await page.getByRole("link", { name: words.usage }).click();
      await expect(page.getByRole("heading", { level: 1, name: words.usage })).toBeVisible();
      await expect(async () => {
        await page.reload();
        await expect(page.getByTestId("stat-total")).toHaveText("5", { timeout: 1000 });
      }).toPass({ timeout: 20_000 });
      await check("usage");
      await page.getByRole("link", { name: words.docs }).click();
      await expect(page.getByRole("heading", { level: 1, name: words.docsHeading })).toBeVisible();
      await check("docs");

      // The landing's switch prompt (a link for another user of this portal), then the ended page.
      await page.goto((await tenant.createSession({ externalId: "ben", locale })).url);
      await expect(page.getByRole("button", { name: words.stay })).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await check("landing-switch");
      await page.getByRole("button", { name: words.stay }).click();
      await expect(page.getByTestId("signed-in-as")).toHaveText("anna");
      await page.getByRole("button", { name: words.signOut }).click();
      await expect(page).toHaveURL(new RegExp(`ended\\?reason=signed_out&lang=${locale}$`));
      await check("ended");
      await context.close();
    }
  }
}

test("German screens pass axe at both widths and in both schemes", async ({ browser, keyport }) => {
  test.setTimeout(180_000);
  await screens(browser, keyport, "de", {
    create: "Schlüssel erstellen",
    usage: "Nutzung",
    docs: "Dokumentation",
    docsHeading: "So verwenden Sie Ihren API-Schlüssel",
    stay: "Als anna angemeldet bleiben",
    signOut: "Abmelden",
  });
});

test("Japanese screens pass axe at both widths and in both schemes", async ({ browser, keyport }) => {
  test.setTimeout(180_000);
  await screens(browser, keyport, "ja", { create: "キーを作成", usage: "使用状況", docs: "ドキュメント", docsHeading: "API キーの使い方", stay: "anna のままにする", signOut: "サインアウト" });
});
