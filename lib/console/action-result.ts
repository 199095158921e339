import "server-only";
import { unstable_rethrow } from "next/navigation";
import { ApiError } from "@/lib/api/errors";
import { toApiError } from "@/lib/api/route";
import { newId } from "@/lib/ids";

/**
 * What a console server action answers its form: the result, or the error as the catalogue words it
 * (its detail, and the field it names), never a stack or a driver message (docs/console.md).
 */
export type ActionResult<T> = ({ ok: true } & T) | { ok: false; error: string; field?: string };

/** An action's first state, before the form was sent. */
export type ActionState<T> = ActionResult<T> | undefined;

/**
 * Runs a console mutation: an ApiError becomes its catalogue message (and the field of a 400); anything
 * else is logged by request id, as route() logs it, and answered with that id only. The redirects and
 * not-found answers of Next.js (thrown by requireConsoleViewer and requireWorkspace) pass through.
 */
export async function consoleAction<T extends object>(run: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, ...(await run()) };
  } catch (err) {
    unstable_rethrow(err);
    if (err instanceof ApiError) {
      const first = err.errors?.[0];
      if (!first) return { ok: false, error: err.detail };
      // A 400 names a field of the form: say which, in the words a person fills it in with.
      const name = first.location.split(".").pop() ?? "";
      return { ok: false, error: `${name.charAt(0).toUpperCase()}${name.slice(1)}: ${first.fix ?? first.message}`, field: name };
    }
    const requestId = newId("req");
    const mapped = toApiError(err, requestId);
    return { ok: false, error: `${mapped.detail} (request ${requestId})` };
  }
}

/** A form field as a trimmed string ("" when absent or not text). */
export function field(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v.trim() : "";
}
