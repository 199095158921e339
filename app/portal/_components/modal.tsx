"use client";
import { type ReactNode, useEffect, useId, useRef } from "react";
import { createPortal } from "react-dom";
import { layerElement } from "./layer";
import { useHydrated } from "./use-hydrated";

/**
 * A native <dialog> opened with showModal(): the browser traps focus, makes the page inert and
 * restores focus on close. It renders in the layer (layer.ts), never inside the table row or card
 * that opens it, so it inherits none of their styles. `dismissible={false}` keeps it open on Escape
 * (a secret shown once must be acknowledged first).
 */
export function Modal({
  open,
  onClose,
  title,
  description,
  dismissible = true,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  dismissible?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  const hydrated = useHydrated();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open, hydrated]);

  // Nothing to draw before hydration: a dialog only ever opens from a click.
  if (!hydrated) return null;
  return createPortal(
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        if (dismissible) onClose();
      }}
      onClose={() => {
        // Chromium may close a dialog despite a prevented cancel (repeated Escape): reopen it.
        if (open && !dismissible) ref.current?.showModal();
        else if (open) onClose();
      }}
    >
      {open ? (
        <div className="dialog-body">
          <h2 id={titleId}>{title}</h2>
          {description ? (
            <p id={descId} className="dialog-desc">
              {description}
            </p>
          ) : null}
          {children}
        </div>
      ) : null}
    </dialog>,
    layerElement(),
  );
}
