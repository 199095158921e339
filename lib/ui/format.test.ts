import { describe, expect, it } from "vitest";
import { CATALOGUES } from "@/lib/i18n/catalogue";
import { formatCount, formatDateTime, formatRateLimit, relativeTime } from "./format";

const now = Date.UTC(2026, 4, 8, 12);
const { en, de, fr, es, ja } = CATALOGUES;

describe("relative times (docs/sessions.md \"Languages\")", () => {
  it("says them plainly in English, as the keys table always has", () => {
    const rel = (at: number) => relativeTime(at, now, "en-GB", en.time);
    expect(rel(now - 10_000)).toBe("just now");
    expect(rel(now + 10_000)).toBe("in less than a minute");
    expect(rel(now - 3 * 3_600_000)).toBe("3 hours ago");
    expect(rel(now + 2 * 86_400_000)).toBe("in 2 days");
    expect(rel(now - 86_400_000)).toBe("yesterday");
    expect(rel(now + 3_600_000 - 20_000)).toBe("in 1 hour");
    expect(rel(now + 3_600_000 - 40_000)).toBe("in 59 minutes");
    expect(rel(now - 86_400_000 + 10 * 60_000)).toBe("yesterday");
    expect(rel(now - 86_400_000 + 40 * 60_000)).toBe("23 hours ago");
  });

  it.each([
    ["de", de, ["gerade eben", "in weniger als einer Minute", "vor 3 Stunden", "in 5 Tagen", "gestern", "in 1 Stunde"]],
    ["fr", fr, ["à l’instant", "dans moins d’une minute", "il y a 3 heures", "dans 5 jours", "hier", "dans 1 heure"]],
    ["es", es, ["ahora mismo", "en menos de un minuto", "hace 3 horas", "dentro de 5 días", "ayer", "dentro de 1 hora"]],
    ["ja", ja, ["たった今", "1 分以内", "3 時間前", "5 日後", "昨日", "1 時間後"]],
  ] as const)("in %s", (locale, m, expected) => {
    const at = [now - 10_000, now + 10_000, now - 3 * 3_600_000, now + 5 * 86_400_000, now - 86_400_000, now + 3_600_000 - 20_000];
    expect(at.map((t) => relativeTime(t, now, locale, m.time))).toEqual(expected);
  });
});

describe("exact instants, in the viewer's time zone", () => {
  const at = Date.UTC(2026, 4, 8, 14, 3, 59);
  it.each([
    ["en-GB", "UTC", "8 May 2026, 14:03 UTC"],
    ["de", "Europe/Berlin", "8. Mai 2026, 16:03 MESZ"],
    ["fr", "Europe/Paris", "8 mai 2026, 16:03 UTC+2"],
    ["es", "America/Mexico_City", "8 may 2026, 08:03 GMT-6"],
    ["ja", "Asia/Tokyo", "2026年5月8日 23:03 JST"],
    ["en-US", "America/New_York", "May 8, 2026, 10:03 AM EDT"],
  ])("%s in %s", (locale, zone, expected) => expect(formatDateTime(at, locale, zone)).toBe(expected));
});

describe("numbers and rate limits", () => {
  it("groups digits as each locale does", () => {
    expect(["en-GB", "de", "fr", "es", "ja", "de-CH"].map((l) => formatCount(1234567, l))).toEqual(["1,234,567", "1.234.567", "1\u202f234\u202f567", "1.234.567", "1,234,567", "1'234'567"]);
  });

  it.each([
    ["en-GB", en, ["100 per minute", "1,000 per 10 seconds", "5 per day", "20 per 250 milliseconds"]],
    ["de", de, ["100 pro Minute", "1.000 pro 10 Sekunden", "5 pro Tag", "20 pro 250 Millisekunden"]],
    ["fr", fr, ["100 par minute", "1\u202f000 par 10\u00a0secondes", "5 par jour", "20 par 250\u00a0millisecondes"]],
    ["es", es, ["100 por minuto", "1000 cada 10 segundos", "5 por día", "20 cada 250 milisegundos"]],
    ["ja", ja, ["毎分 100 回", "10 秒あたり 1,000 回", "1 日 5 回", "250 ミリ秒あたり 20 回"]],
  ] as const)("in %s", (locale, m, expected) => {
    const limits: [number, number][] = [
      [100, 60_000],
      [1000, 10_000],
      [5, 86_400_000],
      [20, 250],
    ];
    expect(limits.map(([limit, ms]) => formatRateLimit(limit, ms, locale, m.keys))).toEqual(expected);
  });
});
