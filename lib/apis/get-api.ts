import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { findApi } from "@/db/queries/apis";
import { ApiError } from "@/lib/api/errors";
import type { RootAuth } from "@/lib/auth/root-key";

export const getApiInput = z.strictObject({ apiId: z.string().min(1).max(255) });

export async function getApi({ db, auth, input }: { db: Db; auth: RootAuth; input: z.infer<typeof getApiInput> }) {
  // Look up first: an id of another workspace is 404 even for a root key without read_api (nothing leaks).
  const api = await findApi(db, auth.workspaceId, input.apiId);
  if (!api) throw new ApiError("unkey/data/api_not_found");
  auth.require("api.*.read_api", `api.${api.id}.read_api`);
  return { id: api.id, name: api.name };
}
