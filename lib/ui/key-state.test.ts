import { describe, expect, it } from "vitest";
import { keyState } from "./key-state";

const now = Date.UTC(2026, 4, 8, 12);

describe("keyState", () => {
  it.each([
    [{ enabled: true }, "active"],
    [{ enabled: false, expires: now - 1 }, "disabled"],
    [{ enabled: true, expires: now }, "expired"],
    [{ enabled: true, expires: now + 86_400_000 }, "expiring"],
    [{ enabled: true, expires: now + 30 * 86_400_000 }, "active"],
    [{ enabled: true, credits: { remaining: 0 } }, "exhausted"],
    [{ enabled: true, credits: { remaining: 5 } }, "active"],
    [{ enabled: true, expires: now + 60_000, credits: { remaining: 0 }, replaced: {} }, "replaced"],
    [{ enabled: true, expires: now, replaced: {} }, "expired"],
    [{ enabled: false, replaced: {} }, "disabled"],
  ] as const)("%j → %s", (key, state) => expect(keyState(key, now)).toBe(state));
});
