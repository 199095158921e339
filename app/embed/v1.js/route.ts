// GET /embed/v1.js — the embed script, version 1: Keyport.mount(element, { url, onEvent }) (docs/embedding.md)
import { embedScriptResponse } from "@/lib/ui/embed-script-response";

export function GET(): Response {
  return embedScriptResponse();
}
