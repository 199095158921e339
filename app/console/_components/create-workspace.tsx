"use client";
import { useId } from "react";
import type { CreatedWorkspace } from "../actions";
import { createWorkspaceAction } from "../actions";
import { ActionDialog } from "./action-dialog";
import { useShowOnce } from "./secret-host";

/** "Create workspace": name and optional slug; then its first root key, shown once. The list then holds the workspace. */
export function CreateWorkspace({ label = "Create workspace" }: { label?: string }) {
  const show = useShowOnce();
  const nameId = useId();
  const slugId = useId();
  return (
    <ActionDialog<CreatedWorkspace>
      label={label}
      title="Create a workspace"
      description="A workspace holds one company’s APIs, keys, portals and audit log. It gets a root key holding every permission."
      action={createWorkspaceAction}
      submit="Create workspace"
      busy="Creating…"
      onDone={(created) => show({ title: `Workspace “${created.name}” is ready`, label: "Its root key (holds every permission)", secret: created.rootKey })}
    >
      {(invalid) => (
        <>
          <div className="field">
            <label htmlFor={nameId}>Name</label>
            <input id={nameId} name="name" className="input" required maxLength={200} autoComplete="off" aria-invalid={invalid === "name" || undefined} />
          </div>
          <div className="field">
            <label htmlFor={slugId}>Slug (optional)</label>
            <input id={slugId} name="slug" className="input" maxLength={64} autoComplete="off" spellCheck={false} aria-invalid={invalid === "slug" || undefined} aria-describedby={`${slugId}-hint`} />
            <span className="hint" id={`${slugId}-hint`}>
              Lowercase letters, digits and single hyphens, 3–64 characters; unique on this server.
            </span>
          </div>
        </>
      )}
    </ActionDialog>
  );
}
