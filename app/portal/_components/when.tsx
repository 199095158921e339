import { relativeTime, utcTimestamp } from "@/lib/ui/format";

/** A relative time for reading, with the exact UTC instant for machines and on hover. */
export function When({ at, now }: { at: number; now: number }) {
  return (
    <time dateTime={new Date(at).toISOString()} title={utcTimestamp(at)}>
      {relativeTime(at, now)}
    </time>
  );
}
