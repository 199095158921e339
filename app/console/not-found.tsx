import type { Metadata } from "next";
import Link from "next/link";
import { CONSOLE_NOT_FOUND } from "@/lib/ui/console-messages";
import { MessageCard } from "../portal/_components/message-card";

export const metadata: Metadata = { title: CONSOLE_NOT_FOUND.title };

/**
 * Every console address that names nothing the viewer may see — a workspace of another admin, an id
 * that never existed, a mistyped path — answers this same 404, so an edited address tells nothing.
 */
export default function ConsoleNotFound() {
  return (
    <MessageCard face={{ displayName: "Keyport console" }} title={CONSOLE_NOT_FOUND.title}>
      <p>{CONSOLE_NOT_FOUND.body}</p>
      <p className="p-next">{CONSOLE_NOT_FOUND.next}</p>
      <div className="actions">
        <Link className="btn btn-primary" href="/console">
          Console start page
        </Link>
      </div>
    </MessageCard>
  );
}
