import "server-only";
import { unstable_rethrow } from "next/navigation";
import { ApiError } from "@/lib/api/errors";
import { toApiError } from "@/lib/api/route";
import { newId } from "@/lib/ids";
import { fieldKey } from "@/lib/console/portals/portal-form";

/** Messages per input (the key fieldKey gives a `location`). */
export type FieldErrors = Record<string, string[]>;

/**
 * What a console form's server action answers (docs/console.md "Portals"): the result, or the API's
 * refusal — its detail for the top of the form and each `errors[]` entry next to the input it names.
 * The same catalogue errors the operator API answers, so the console never words a rule twice.
 */
export type FormResult<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors: FieldErrors; status: number };

/** Which input a refusal without `errors[]` belongs to. */
const FIELD_OF_CODE: Record<string, string> = {
  "keyport/data/portal_slug_taken": "slug",
};

/**
 * The refusal of a console action. An ApiError keeps its message; anything else becomes the catalogue's
 * generic 500 (logged by name and code under a request id, never with its message or stack), so
 * nothing internal reaches the page.
 */
export function refusal(err: unknown): FormResult<never> {
  const apiError = err instanceof ApiError ? err : toApiError(err, newId("req"));
  const fieldErrors: FieldErrors = {};
  for (const e of apiError.errors ?? []) (fieldErrors[fieldKey(e.location)] ??= []).push(e.message);
  const field = FIELD_OF_CODE[apiError.code];
  if (field && !fieldErrors[field]) fieldErrors[field] = [apiError.detail];
  const message = Object.keys(fieldErrors).length > 0 && apiError.code === "unkey/application/invalid_input" ? "Check the highlighted fields: nothing was saved." : apiError.detail;
  return { ok: false, message, fieldErrors, status: apiError.status };
}

/** Runs a console action: its result, or its refusal (see refusal). */
export async function formAction<T>(run: () => Promise<T>): Promise<FormResult<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (err) {
    // notFound() and redirect() of the scope checks are Next.js control flow, not refusals.
    unstable_rethrow(err);
    return refusal(err);
  }
}
