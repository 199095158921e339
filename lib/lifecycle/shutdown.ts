/**
 * Work that must finish before the process exits (flushing buffered verification events,
 * closing the database). The server calls `runShutdownHooks()` on SIGTERM after it stops
 * accepting connections and in-flight requests have finished. On globalThis so the Next.js
 * bundles and bin/server.mjs see one registry.
 */
type Hook = { name: string; run: () => Promise<void>; order: number };
const holder = globalThis as unknown as { __keyportShutdownHooks?: Map<string, Hook> };

function hooks(): Map<string, Hook> {
  holder.__keyportShutdownHooks ??= new Map();
  return holder.__keyportShutdownHooks;
}

/** Registers (or replaces, by name) a hook. Lower `order` runs first; the database closes last. */
export function onShutdown(name: string, run: () => Promise<void>, order = 0): void {
  hooks().set(name, { name, run, order });
}

export async function runShutdownHooks(): Promise<void> {
  const list = [...hooks().values()].sort((a, b) => a.order - b.order);
  for (const hook of list) {
    try {
      await hook.run();
    } catch {
      // keep going: a failing hook must not stop the database from closing
    }
  }
}
