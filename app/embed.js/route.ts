// GET /embed.js — the embed script, current version (the same as /embed/v1.js; docs/embedding.md)
import { embedScriptResponse } from "@/lib/ui/embed-script-response";

export function GET(): Response {
  return embedScriptResponse();
}
