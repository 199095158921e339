import { z } from "zod";
import { storedJson, unixMs } from "@/lib/api/responses";
import { ACTOR_TYPES, AUDIT_EVENTS } from "@/lib/audit/write-audit";

export const auditEventOutput = z.strictObject({
  id: z.string().describe("aud_ followed by the event's sequence number"),
  time: unixMs,
  actor: z.strictObject({ type: z.enum(ACTOR_TYPES), id: z.string() }),
  event: z.enum(AUDIT_EVENTS),
  resourceId: z.string().optional(),
  requestId: z.string().optional().describe("the id of the API request that made the change (its X-Request-Id); absent for changes made outside the API"),
  meta: storedJson.optional(),
});

export const auditEventListOutput = z.array(auditEventOutput);
