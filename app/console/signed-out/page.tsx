import type { Metadata } from "next";
import { CONSOLE_SIGNED_OUT } from "@/lib/ui/console-messages";
import { MessageCard } from "../../portal/_components/message-card";
import { WithCode } from "../_components/with-code";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Signed out" };

/** Where every console page sends a browser without a live session, and where Sign out lands. */
export default function SignedOut() {
  return (
    <MessageCard face={{ displayName: "Keyport console" }} title={CONSOLE_SIGNED_OUT.title}>
      <p>{CONSOLE_SIGNED_OUT.body}</p>
      <p className="p-next">
        <WithCode text={CONSOLE_SIGNED_OUT.next} />
      </p>
    </MessageCard>
  );
}
