import { CreateKey } from "./create-key";

/** The keys page's heading, with "Create key" when the session may create one. */
export function KeysHead({
  can,
  portalId,
  apis,
  disabledReason,
  openCreate,
}: {
  can: boolean;
  portalId: string;
  apis: { id: string; name: string }[];
  disabledReason?: string;
  openCreate: boolean;
}) {
  return (
    <div className="p-page-head">
      <div>
        <h1>API keys</h1>
        <p>Use these keys to authenticate your requests. Keep them secret.</p>
      </div>
      {can ? <CreateKey portalId={portalId} apis={apis} disabledReason={disabledReason} openOnArrival={openCreate} /> : null}
    </div>
  );
}
