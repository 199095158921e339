import type { I18n } from "@/lib/i18n/catalogue";
import { CreateKey } from "./create-key";

/** The keys page's heading, in the session's language, with "Create key" when the session may create one. */
export function KeysHead({
  can,
  portalId,
  apis,
  disabledReason,
  openCreate,
  i18n,
}: {
  can: boolean;
  portalId: string;
  apis: { id: string; name: string }[];
  disabledReason?: string;
  openCreate: boolean;
  i18n: I18n;
}) {
  return (
    <div className="p-page-head">
      <div>
        <h1>{i18n.m.keys.title}</h1>
        <p>{i18n.m.keys.lead}</p>
      </div>
      {can ? <CreateKey portalId={portalId} apis={apis} disabledReason={disabledReason} openOnArrival={openCreate} /> : null}
    </div>
  );
}
