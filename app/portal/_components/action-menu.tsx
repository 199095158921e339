"use client";
import { type KeyboardEvent, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { layerElement } from "./layer";

export type MenuItem = { label: string; onSelect: () => void; danger?: boolean };

const GAP = 4;

/**
 * A "⋯" menu button (the WAI-ARIA menu button pattern): Enter, Space or ↓ opens it on the first
 * item, ↑ on the last; ↑ ↓ Home End move; Escape or a choice closes it and focus returns to the
 * button, so a dialog opened from an item hands focus back there too; a click elsewhere closes it.
 * The menu renders in the layer (layer.ts) with fixed coordinates, so a scrolling table cannot clip it.
 */
export function ActionMenu({ label, items, disabled, title }: { label: string; items: MenuItem[]; disabled: boolean; title?: string }) {
  const [open, setOpen] = useState<"first" | "last" | false>(false);
  const [place, setPlace] = useState<{ top: number; left: number }>();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const buttonId = useId();
  const menuId = useId();

  const itemsOf = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const close = (refocus: boolean) => {
    setOpen(false);
    setPlace(undefined);
    if (refocus) button.current?.focus();
  };

  // Below the button, right edges aligned; above it when the viewport has no room below. Followed
  // on scroll and resize (a phone's toolbar showing or hiding resizes the viewport).
  const follow = () => {
    if (!button.current || !menu.current) return;
    const b = button.current.getBoundingClientRect();
    const m = menu.current.getBoundingClientRect();
    const below = b.bottom + GAP + m.height <= window.innerHeight;
    setPlace({ top: below ? b.bottom + GAP : Math.max(GAP, b.top - GAP - m.height), left: Math.max(GAP, b.right - m.width) });
  };
  useLayoutEffect(() => {
    if (open) follow();
  }, [open]);

  // Focus moves in once the menu is placed (not again when it follows a scroll).
  const placed = place !== undefined;
  useEffect(() => {
    if (!placed) return;
    const list = itemsOf();
    (open === "last" ? list.at(-1) : list[0])?.focus({ preventScroll: true });
  }, [placed, open]);

  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menu.current?.contains(t) && !button.current?.contains(t)) close(false);
    };
    document.addEventListener("pointerdown", outside);
    window.addEventListener("resize", follow);
    window.addEventListener("scroll", follow, true);
    return () => {
      document.removeEventListener("pointerdown", outside);
      window.removeEventListener("resize", follow);
      window.removeEventListener("scroll", follow, true);
    };
  }, [open]);

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    setOpen(e.key === "ArrowUp" ? "last" : "first");
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const list = itemsOf();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (i: number) => list[(i + list.length) % list.length]?.focus();
    if (e.key === "ArrowDown") move(at + 1);
    else if (e.key === "ArrowUp") move(at - 1);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(list.length - 1);
    else if (e.key === "Escape") close(true);
    else if (e.key === "Tab") return close(true); // the browser then moves on from the button
    else return;
    e.preventDefault();
  };

  return (
    <>
      <button
        ref={button}
        id={buttonId}
        type="button"
        className="btn btn-sm btn-ghost btn-icon"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open ? true : false}
        aria-controls={open ? menuId : undefined}
        disabled={disabled}
        title={title}
        onClick={() => (open ? close(true) : setOpen("first"))}
        onKeyDown={onButtonKey}
      >
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <circle cx="3" cy="8" r="1.5" fill="currentColor" />
          <circle cx="8" cy="8" r="1.5" fill="currentColor" />
          <circle cx="13" cy="8" r="1.5" fill="currentColor" />
        </svg>
      </button>
      {open
        ? createPortal(
            <div
              ref={menu}
              id={menuId}
              role="menu"
              aria-labelledby={buttonId}
              className="menu"
              style={place ? { top: place.top, left: place.left } : { visibility: "hidden" }}
              onKeyDown={onMenuKey}
            >
              {items.map((item) => (
                <button
                  key={item.label}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className={item.danger ? "menu-item menu-item-danger" : "menu-item"}
                  onClick={() => {
                    close(true);
                    item.onSelect();
                  }}
                >
                  {item.label}
                </button>
              ))}
            </div>,
            layerElement(),
          )
        : null}
    </>
  );
}
