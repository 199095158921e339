import type { Metadata } from "next";
import { PAGE_NOT_FOUND } from "@/lib/ui/dead-ends";
import { MessageCard } from "./portal/_components/message-card";
import "./portal/portal.css";

export const metadata: Metadata = { title: PAGE_NOT_FOUND.title, robots: { index: false, follow: false } };

/** Every address nothing answers (status 404), under /portal/… or anywhere else: the portal's message card in Keyport's colours. */
export default function NotFound() {
  return (
    <MessageCard title={PAGE_NOT_FOUND.title}>
      <p>{PAGE_NOT_FOUND.body}</p>
      <p className="p-next">{PAGE_NOT_FOUND.next}</p>
    </MessageCard>
  );
}
