import { describe, expect, it } from "vitest";
import { sharedMemo } from "@/lib/cache/shared-memo";

let n = 0;
const fresh = () => sharedMemo<number>(`test${++n}`, 3);
const counter = () => {
  let calls = 0;
  return { load: async () => ++calls, calls: () => calls };
};

describe("sharedMemo", () => {
  it("answers from memory until `until`, then loads again", async () => {
    const memo = fresh();
    const c = counter();
    expect(await memo.get("k", { now: 0 }, (t) => t + 100, c.load)).toBe(1);
    expect(await memo.get("k", { now: 99 }, (t) => t + 100, c.load)).toBe(1);
    expect(await memo.get("k", { now: 100 }, (t) => t + 100, c.load)).toBe(2);
    expect(c.calls()).toBe(2);
  });

  it("misses when the tag changes (a rotated secret list)", async () => {
    const memo = fresh();
    const c = counter();
    const a = ["s1"];
    await memo.get("k", { now: 0, tag: a }, () => 1e9, c.load);
    expect(await memo.get("k", { now: 1, tag: a }, () => 1e9, c.load)).toBe(1);
    expect(await memo.get("k", { now: 1, tag: ["s1"] }, () => 1e9, c.load)).toBe(2);
  });

  it("shares one load between concurrent misses, and does not remember a load that threw", async () => {
    const memo = fresh();
    let calls = 0;
    let fail = true;
    const load = async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 10));
      if (fail) throw new Error("database down");
      return calls;
    };
    const both = await Promise.allSettled([memo.get("k", { now: 0 }, () => 1e9, load), memo.get("k", { now: 0 }, () => 1e9, load)]);
    expect(both.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(calls).toBe(1);
    fail = false;
    expect(await memo.get("k", { now: 0 }, () => 1e9, load)).toBe(2);
  });

  it("keeps at most maxEntries, dropping the oldest, and forgets by value", async () => {
    const memo = fresh();
    for (const k of ["a", "b", "c", "d"]) await memo.get(k, { now: 0 }, () => 1e9, async () => k.charCodeAt(0));
    expect(memo.size).toBe(3);
    const c = counter();
    expect(await memo.get("a", { now: 0 }, () => 1e9, c.load)).toBe(1); // "a" was evicted
    memo.forget((v) => v === "c".charCodeAt(0));
    expect(await memo.get("c", { now: 0 }, () => 1e9, c.load)).toBe(2);
  });

  it("is one memo per name in the process (two bundles loading this module share it)", async () => {
    const one = sharedMemo<number>("shared-by-name", 10);
    const two = sharedMemo<number>("shared-by-name", 10);
    await one.get("k", { now: 0 }, () => 1e9, async () => 42);
    expect(await two.get("k", { now: 0 }, () => 1e9, async () => 0)).toBe(42);
  });
});
