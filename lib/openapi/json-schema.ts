import { z } from "zod";

type JsonObject = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * A route's zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect). io "input" describes what a
 * client may send (defaults optional; refinements are explained by the error's `fix`); io "output"
 * what the server answers (defaults filled in, and objects closed: no field beyond those listed).
 */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonObject {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonObject;
  delete json.$schema;
  return json;
}

/** A 200 body: the envelope of lib/api/reply.ts successParts around `data`, with `pagination` on list endpoints. */
export function successEnvelope(data: JsonObject, paginated: boolean): JsonObject {
  return {
    type: "object",
    properties: { meta: ref("Meta"), data, ...(paginated ? { pagination: ref("Pagination") } : {}) },
    required: paginated ? ["meta", "data", "pagination"] : ["meta", "data"],
    additionalProperties: false,
  };
}

/** The schemas every operation's responses point at. */
export const SHARED_SCHEMAS = {
  Meta: { type: "object", properties: { requestId: { type: "string" } }, required: ["requestId"], additionalProperties: false },
  Pagination: {
    type: "object",
    description: "Keyset pagination: send `cursor` back for the next page; absent on the last page.",
    properties: { cursor: { type: "string" }, hasMore: { type: "boolean" } },
    required: ["hasMore"],
    additionalProperties: false,
  },
};
