import "server-only";
import { CATALOGUE } from "@/lib/api/catalogue";
import type { RouteDoc } from "@/lib/api/route";
import { ROUTES, type RouteModule } from "@/lib/http/route-table";
import { jsonSchemaOf, SHARED_SCHEMAS, successEnvelope } from "@/lib/openapi/json-schema";
import { SECURITY_SCHEMES, securityOf } from "@/lib/openapi/security";

type JsonObject = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string, contentType = "application/json") => ({
  description,
  content: { [contentType]: { schema: ref("ErrorEnvelope") } },
});

/** What route() (lib/api/route.ts) attaches to each handler it builds. */
function docOf(mod: RouteModule, method: "post" | "get", urlPath: string): RouteDoc | undefined {
  const handler = mod[method.toUpperCase()] as (((req: Request) => Promise<Response>) & { doc?: RouteDoc }) | undefined;
  if (typeof handler !== "function") return undefined;
  if (!handler.doc) throw new Error(`${method.toUpperCase()} ${urlPath} was not built by route(): nothing to document`);
  return handler.doc;
}

function operation(urlPath: string, method: "post" | "get", doc: RouteDoc): JsonObject {
  const security = securityOf(doc.scheme);
  const operationId = urlPath.replace(/^\/(v2|operator\/v1)\//, (_m, plane: string) => (plane === "v2" ? "" : "operator.")) + (method === "get" ? ".get" : "");
  return {
    operationId,
    summary: doc.summary,
    tags: [urlPath.startsWith("/operator/") ? "operator" : (urlPath.slice(4).split(".")[0] ?? "v2")],
    security,
    ...(method === "post" ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchemaOf(doc.input, "input") } } } } : {}),
    responses: {
      "200": { description: "Success", content: { "application/json": { schema: successEnvelope(jsonSchemaOf(doc.output, "output"), doc.paginated) } } },
      "400": errorResponse("Invalid input (`errors[]` lists each problem)"),
      ...(security.length ? { "401": errorResponse("Missing, malformed or unknown credentials"), "403": errorResponse("Not allowed") } : {}),
      "404": errorResponse("Not found (also for resources of another workspace)"),
      "413": errorResponse("Body over 1 MiB"),
      "415": errorResponse("Body is not application/json"),
      "429": errorResponse("Rate limited; see Retry-After", "application/problem+json"),
      "500": errorResponse("Unexpected error"),
      "503": errorResponse("Database unavailable"),
    },
  };
}

/**
 * OpenAPI 3.1 for every route in lib/http/route-table.ts, from what each route declares: summary,
 * request and response schemas (zod) and its authenticator's scheme. Nothing is read from disk.
 */
export function buildOpenApiDocument(publicUrl: string): JsonObject {
  const paths: JsonObject = {};
  for (const [urlPath, mod] of Object.entries(ROUTES)) {
    const item: JsonObject = {};
    for (const method of ["post", "get"] as const) {
      const doc = docOf(mod, method, urlPath);
      if (doc) item[method] = operation(urlPath, method, doc);
    }
    paths[urlPath] = item;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Keyport API",
      version: "2.0.0",
      description:
        "Self-hostable API keys with a customer portal, wire-compatible with Unkey's v2 API. Error `type` URLs point at " +
        `${publicUrl}/docs/errors. The operator API (/operator/v1/*) provisions workspaces and portals.`,
    },
    servers: [{ url: publicUrl }],
    paths,
    components: {
      securitySchemes: SECURITY_SCHEMES,
      schemas: {
        ...SHARED_SCHEMAS,
        ErrorEnvelope: {
          type: "object",
          properties: {
            meta: ref("Meta"),
            error: {
              type: "object",
              properties: {
                title: { type: "string" },
                detail: { type: "string" },
                status: { type: "integer" },
                type: { type: "string", format: "uri", examples: CATALOGUE.slice(0, 3).map((e) => `${publicUrl}/docs/errors/${e.code}`) },
                errors: {
                  type: "array",
                  items: { type: "object", properties: { location: { type: "string" }, message: { type: "string" }, fix: { type: "string" } }, required: ["location", "message"] },
                },
              },
              required: ["title", "detail", "status", "type"],
            },
          },
          required: ["meta", "error"],
        },
      },
    },
  };
}
