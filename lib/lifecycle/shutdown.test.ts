import { describe, expect, it } from "vitest";
import { onShutdown, runShutdownHooks } from "@/lib/lifecycle/shutdown";

describe("runShutdownHooks", () => {
  it("runs hooks by order, reports a throwing or stuck hook, and still runs the ones after it", async () => {
    const ran: string[] = [];
    const failures: string[] = [];
    onShutdown("last", async () => void ran.push("last"), 100);
    onShutdown("stuck", () => new Promise<void>(() => ran.push("stuck")), 5);
    onShutdown("throws", async () => {
      ran.push("throws");
      throw new Error("boom");
    }, 1);
    onShutdown("first", async () => void ran.push("first"), 0);

    const started = Date.now();
    await runShutdownHooks({ deadlineMs: 50, onFailure: (name, error) => failures.push(`${name}: ${error.message}`) });

    expect(ran).toEqual(["first", "throws", "stuck", "last"]);
    expect(failures).toEqual(["throws: boom", "stuck: timed out after 0.05 s"]);
    // The stuck hook cost its deadline, not for ever.
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
