import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CATALOGUE } from "@/lib/api/catalogue";
import type { Authenticator } from "@/lib/api/route";
import { noAuth, rootKeyAuth } from "@/lib/auth/root-key";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { ROUTES, type RouteModule } from "@/lib/http/route-table";

type Documented = ((req: Request) => Promise<Response>) & { input?: z.ZodType; auth?: Authenticator<unknown> };
type JsonObject = Record<string, unknown>;

/** The route file's first line (`// POST /v2/x — what it does`) is its summary: one source of truth. */
function summaryOf(urlPath: string): string | undefined {
  try {
    const file = path.join(/*turbopackIgnore: true*/ process.cwd(), "app", urlPath, "route.ts");
    const first = readFileSync(file, "utf8").split("\n", 1)[0] ?? "";
    return /—\s*(.+)$/.exec(first)?.[1]?.trim();
  } catch {
    return undefined;
  }
}

function securityOf(handler: Documented, urlPath: string): JsonObject[] {
  if (handler.auth === noAuth) return [];
  if (handler.auth === rootKeyAuth) return [{ rootKey: [] }];
  if (handler.auth === operatorAuth) return [{ operatorToken: [] }];
  if (urlPath.startsWith("/v2/portal.")) return [{ portalBearer: [] }, { portalCookie: [] }];
  return [{ rootKey: [] }];
}

function inputSchema(schema: z.ZodType | undefined): JsonObject {
  if (!schema) return { type: "object" };
  // io:"input": what a client sends (defaults optional); refinements are described by the error `fix`.
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as JsonObject;
  delete json.$schema;
  return json;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string, contentType = "application/json") => ({
  description,
  content: { [contentType]: { schema: ref("ErrorEnvelope") } },
});

/** OpenAPI 3.1 for every route in lib/http/route-table.ts, request bodies from the routes' own zod schemas. */
export function buildOpenApiDocument(publicUrl: string): JsonObject {
  const paths: JsonObject = {};
  for (const [urlPath, mod] of Object.entries(ROUTES) as [string, RouteModule][]) {
    const item: JsonObject = {};
    for (const method of ["post", "get"] as const) {
      const handler = mod[method.toUpperCase()] as Documented | undefined;
      if (typeof handler !== "function") continue;
      const security = securityOf(handler, urlPath);
      const operationId = urlPath.replace(/^\/(v2|operator\/v1)\//, (_m, plane: string) => (plane === "v2" ? "" : "operator.")) + (method === "get" ? ".get" : "");
      item[method] = {
        operationId,
        summary: summaryOf(urlPath),
        tags: [urlPath.startsWith("/operator/") ? "operator" : (urlPath.slice(4).split(".")[0] ?? "v2")],
        security,
        ...(method === "post"
          ? { requestBody: { required: true, content: { "application/json": { schema: inputSchema(handler.input) } } } }
          : {}),
        responses: {
          "200": { description: "Success", content: { "application/json": { schema: ref("SuccessEnvelope") } } },
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
      securitySchemes: {
        rootKey: { type: "http", scheme: "bearer", description: "A workspace root key (`unkey_…`)." },
        portalBearer: { type: "http", scheme: "bearer", description: "A portal access token (`pat_…`) from portal.exchangeCode." },
        portalCookie: { type: "apiKey", in: "cookie", name: "portal_session", description: "The portal's browser session cookie." },
        operatorToken: { type: "http", scheme: "bearer", description: "The server's operator token." },
      },
      schemas: {
        Meta: { type: "object", properties: { requestId: { type: "string" } }, required: ["requestId"] },
        SuccessEnvelope: {
          type: "object",
          properties: {
            meta: ref("Meta"),
            data: {},
            pagination: { type: "object", properties: { cursor: { type: "string" }, hasMore: { type: "boolean" } }, required: ["hasMore"] },
          },
          required: ["meta", "data"],
        },
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
