import { z } from "zod";
import { keyOutput } from "@/lib/keys/responses";

/** apis.createApi and the operator's apis.create. */
export const createdApiOutput = z.object({ apiId: z.string() });

/** apis.getApi */
export const apiOutput = z.object({ id: z.string(), name: z.string() });

/** apis.listKeys: the page itself is `data`. */
export const apiKeyListOutput = z.array(keyOutput);
