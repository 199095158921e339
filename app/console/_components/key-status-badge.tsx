import { type ConsoleKeyStatus, KEY_STATUS_LABEL } from "@/lib/console/key-status";

const CLASS: Record<ConsoleKeyStatus, string> = {
  active: "badge badge-active",
  disabled: "badge badge-disabled",
  expired: "badge badge-expired",
  rolled: "badge badge-replaced",
};

/** A key's status as the console's lists and key page show it (the portal's badges). */
export function KeyStatusBadge({ status }: { status: ConsoleKeyStatus }) {
  return (
    <span className={CLASS[status]} data-testid="key-status">
      {KEY_STATUS_LABEL[status]}
    </span>
  );
}
