// GET /openapi.json — the OpenAPI 3.1 document, generated from the route schemas
import { env } from "@/lib/env";
import { buildOpenApiDocument } from "@/lib/openapi/build-document";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return Response.json(buildOpenApiDocument(env().PUBLIC_URL), { headers: { "Cache-Control": "public, max-age=60" } });
}
