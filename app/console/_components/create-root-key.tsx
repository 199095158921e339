"use client";
import { useId, useState } from "react";
import { ROOT_KEY_PERMISSION_GROUPS } from "@/lib/auth/root-key-permissions";
import { ActionDialog, type FormAction } from "./action-dialog";
import { useShowOnce } from "./secret-host";

type Created = { keyId: string; rootKey: string; permissions: string[] };

/**
 * "Create root key": a name, then Full access (`*`) or a pick of the permissions the API checks,
 * the per-API ones optionally limited to one API. The new key is shown once.
 */
export function CreateRootKey({ action, apis, label = "Create root key" }: { action: FormAction<Created>; apis: { id: string; name: string }[]; label?: string }) {
  const show = useShowOnce();
  return (
    <ActionDialog<Created>
      label={label}
      title="Create a root key"
      description="A root key lets a backend call Keyport’s API for this workspace, with the permissions you give it."
      action={action}
      submit="Create root key"
      busy="Creating…"
      onDone={(created) =>
        show({
          title: "Your new root key",
          label: `Root key ${created.keyId}`,
          secret: created.rootKey,
          details: (
            <p className="dialog-desc">
              It holds:{" "}
              <span className="c-perms">
                {created.permissions.map((p) => (
                  <code key={p} className="c-perm">
                    {p}
                  </code>
                ))}
              </span>
            </p>
          ),
        })
      }
    >
      {(invalid) => <Fields apis={apis} invalid={invalid} />}
    </ActionDialog>
  );
}

function Fields({ apis, invalid }: { apis: { id: string; name: string }[]; invalid: string | undefined }) {
  const nameId = useId();
  const apiId = useId();
  const [full, setFull] = useState(false);
  return (
    <>
      <div className="field">
        <label htmlFor={nameId}>Name</label>
        <input id={nameId} name="name" className="input" maxLength={200} autoComplete="off" placeholder="e.g. billing-backend" aria-invalid={invalid === "name" || undefined} />
      </div>
      <label className="checkbox" style={{ marginBottom: 12 }}>
        <input type="checkbox" name="full" checked={full} onChange={(e) => setFull(e.target.checked)} />
        <span>
          <strong>Full access</strong> (<code>*</code>): every permission, on every API of the workspace
        </span>
      </label>
      <fieldset className="c-fieldset" disabled={full}>
        <legend>Permissions</legend>
        <div className="c-perm-grid">
          {ROOT_KEY_PERMISSION_GROUPS.map((g) => (
            <fieldset key={g.group}>
              <legend className="c-perm-group">{g.group}</legend>
              {g.items.map((i) => (
                <label key={i.permission} className="checkbox">
                  <input type="checkbox" name="permission" value={i.permission} />
                  <span>
                    {i.label} <code>{i.permission}</code>
                  </span>
                </label>
              ))}
            </fieldset>
          ))}
        </div>
      </fieldset>
      {apis.length ? (
        <div className="field">
          <label htmlFor={apiId}>API permissions apply to</label>
          <select id={apiId} name="api" className="select" disabled={full} defaultValue="">
            <option value="">Every API of the workspace (api.*.…)</option>
            {apis.map((a) => (
              <option key={a.id} value={a.id}>
                Only {a.name} ({a.id})
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </>
  );
}
