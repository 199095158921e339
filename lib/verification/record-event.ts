import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { insertVerificationEvents, pruneVerificationFlushes, type VerificationEventRow } from "@/db/queries/events";
import { touchLastUsed } from "@/db/queries/keys";
import { pruneRatelimitCounters } from "@/db/queries/ratelimits";
import { now } from "@/lib/clock";
import { lastUseByKey } from "@/lib/verification/last-use";
import { onShutdown } from "@/lib/lifecycle/shutdown";
import { log } from "@/lib/log";

/**
 * Verification events are buffered in memory and written in batches (every 250 ms or 500 events),
 * so the response path never waits on an INSERT. The same flush updates `lastUsedAt` of every key
 * seen (one statement) and prunes stale rate-limit counters about once a minute. On SIGTERM the
 * shutdown hook flushes what is left. On globalThis so every route bundle shares one buffer.
 *
 * Each batch gets an id when it is first sent and keeps it through retries: a batch whose INSERT
 * committed but whose answer was lost (connection cut) is recognised by the database and not counted
 * again (db/queries/events.ts).
 */
const FLUSH_MS = 250;
const FLUSH_AT = 500;
/** If the database is down, keep at most this many events for the next try, then drop the oldest. */
const MAX_BUFFERED = 50_000;
const PRUNE_EVERY_MS = 60_000;
/** A batch id is kept this long after its flush; retries come within seconds. */
const FLUSH_ID_TTL_MS = 86_400_000;
const BATCH_MAX = 1000;

type Batch = { id: string; rows: VerificationEventRow[] };
/** `buffer`: events not yet sent; `retry`: batches sent at least once, with their ids, oldest first. */
/** `waiting`: a background flush is queued and has not started yet (one is enough: it takes the whole buffer). */
type State = { buffer: VerificationEventRow[]; retry: Batch[]; timer?: ReturnType<typeof setTimeout>; flushing?: Promise<void>; waiting?: boolean; lastPrune: number; hooked?: boolean };
const holder = globalThis as unknown as { __keyportVerificationEvents?: State };

function state(): State {
  holder.__keyportVerificationEvents ??= { buffer: [], retry: [], lastPrune: 0 };
  const s = holder.__keyportVerificationEvents;
  s.retry ??= [];
  if (!s.hooked) {
    s.hooked = true;
    onShutdown("verification-events", flushVerificationEvents, 0);
  }
  return s;
}

export function recordVerification(event: VerificationEventRow): void {
  const s = state();
  s.buffer.push(event);
  // A database that hangs must not turn into unbounded memory: past the cap the oldest events go.
  if (s.buffer.length > MAX_BUFFERED * 1.1) s.buffer.splice(0, s.buffer.length - MAX_BUFFERED);
  if (s.buffer.length >= FLUSH_AT) flushInBackground();
  else if (!s.timer) {
    s.timer = setTimeout(flushInBackground, FLUSH_MS);
    s.timer.unref?.();
  }
}

/**
 * Queues at most one background flush behind the running one (it will take everything buffered by the
 * time it starts), so a slow database cannot pile up a flush per verification. Failures are logged and
 * retried by flushOnce; nothing to do here.
 */
function flushInBackground(): void {
  const s = state();
  if (s.waiting) return;
  s.waiting = true;
  flushVerificationEvents().catch(() => {});
}

/** Writes everything buffered so far. Safe to call concurrently: calls chain one after another. */
export function flushVerificationEvents(): Promise<void> {
  const s = state();
  const run = (s.flushing ?? Promise.resolve()).then(() => flushOnce(s));
  // The chain holds only settled-never-rejecting links: one failed flush (database down) must not
  // poison every later flush, nor leave a rejection nobody handles (which would end the process).
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  s.flushing = settled;
  void settled.then(() => {
    if (s.flushing === settled) s.flushing = undefined;
  });
  return run;
}

async function flushOnce(s: State): Promise<void> {
  s.waiting = false;
  if (s.timer) {
    clearTimeout(s.timer);
    s.timer = undefined;
  }
  const fresh = s.buffer.splice(0, s.buffer.length);
  const batches = s.retry.splice(0, s.retry.length);
  for (let i = 0; i < fresh.length; i += BATCH_MAX) batches.push({ id: randomUUID(), rows: fresh.slice(i, i + BATCH_MAX) });
  if (batches.length === 0) return;
  const db = await getDb().catch((err: unknown) => requeue(s, batches, err));
  let sent = 0;
  let failure: { err: unknown } | undefined;
  try {
    for (; sent < batches.length; sent++) {
      const batch = batches[sent] as Batch;
      await insertVerificationEvents(db, batch.id, batch.rows);
    }
  } catch (err) {
    failure = { err };
  }
  // lastUsedAt (of what landed) and pruning are best effort: a failure here must not duplicate the events above.
  try {
    const seen = lastUseByKey(batches.slice(0, sent).flatMap((b) => b.rows));
    if (!failure) {
      await touchLastUsed(db, seen);
      const at = now();
      if (at - s.lastPrune > PRUNE_EVERY_MS) {
        s.lastPrune = at;
        await pruneRatelimitCounters(db, at);
        await pruneVerificationFlushes(db, Date.now() - FLUSH_ID_TTL_MS);
      }
    } else if (seen.size > 0) {
      await touchLastUsed(db, seen);
    }
  } catch (err) {
    log().warn({ err: (err as { code?: unknown }).code }, "lastUsedAt update failed");
  }
  if (failure) requeue(s, batches.slice(sent), failure.err);
}

/** Keeps failed batches (with their ids) for the next flush rather than lose them; bounded so a dead database cannot exhaust memory. */
function requeue(s: State, batches: Batch[], err: unknown): never {
  s.retry.unshift(...batches);
  let pending = s.retry.reduce((n, b) => n + b.rows.length, 0);
  while (pending > MAX_BUFFERED && s.retry.length > 1) pending -= (s.retry.shift() as Batch).rows.length;
  log().warn({ err: (err as { code?: unknown }).code, pending: pending + s.buffer.length }, "verification events flush failed");
  if (!s.timer) {
    s.timer = setTimeout(flushInBackground, 1000);
    s.timer.unref?.();
  }
  throw err;
}
