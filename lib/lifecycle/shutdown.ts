/**
 * Work that must finish before the process exits (flushing buffered verification events,
 * closing the database). The server calls `runShutdownHooks()` on SIGTERM after it stops
 * accepting connections and in-flight requests have finished. On globalThis so the Next.js
 * bundles and bin/server.mjs see one registry.
 */
type Hook = { name: string; run: () => Promise<void>; order: number };
const holder = globalThis as unknown as { __keyportShutdownHooks?: Map<string, Hook> };

/** How long one hook may take before the next one runs anyway. */
export const HOOK_DEADLINE_MS = 5_000;

export type RunShutdownHooksOptions = {
  /** Per-hook deadline; a hook still running after it counts as failed. */
  deadlineMs?: number;
  /** Told about each hook that threw or missed its deadline (the server prints it). */
  onFailure?: (name: string, error: Error) => void;
};

function hooks(): Map<string, Hook> {
  holder.__keyportShutdownHooks ??= new Map();
  return holder.__keyportShutdownHooks;
}

/** Registers (or replaces, by name) a hook. Lower `order` runs first; the database closes last. */
export function onShutdown(name: string, run: () => Promise<void>, order = 0): void {
  hooks().set(name, { name, run, order });
}

/** Runs every hook in order, each to completion or its deadline; a failure never stops the rest. */
export async function runShutdownHooks({ deadlineMs = HOOK_DEADLINE_MS, onFailure }: RunShutdownHooksOptions = {}): Promise<void> {
  const list = [...hooks().values()].sort((a, b) => a.order - b.order);
  for (const hook of list) {
    try {
      // A hook waiting on an unreachable database must not keep the process alive for ever.
      await withDeadline(hook.run(), deadlineMs);
    } catch (err) {
      // keep going: a failing hook must not stop the database from closing
      onFailure?.(hook.name, err instanceof Error ? err : new Error(String(err)));
    }
  }
}

function withDeadline(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms);
    timer.unref(); // the deadline alone must not keep the process alive
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
