"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * false in the server HTML and during hydration, true once React has attached handlers. Buttons
 * that only work with JavaScript stay disabled until then, so an early click is never silently lost.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
