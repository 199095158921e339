"use client";
import { createContext, type ReactNode, useContext, useState } from "react";
import { ShowOnceSecret } from "./show-once-secret";

export type ShownOnce = { title: string; label: string; secret: string; details?: ReactNode };
const ShowContext = createContext<(shown: ShownOnce) => void>(() => {});

/**
 * Owns the console's "shown once" dialog for every page of the shell. The button that created the
 * secret cannot own it: the page re-renders after the change (an empty list's button gives way to the
 * list's), and a secret held by an unmounted button would never be seen.
 */
export function SecretHost({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<ShownOnce>();
  return (
    <ShowContext.Provider value={setShown}>
      {children}
      <ShowOnceSecret secret={shown?.secret} title={shown?.title ?? ""} label={shown?.label ?? ""} onDone={() => setShown(undefined)}>
        {shown?.details}
      </ShowOnceSecret>
    </ShowContext.Provider>
  );
}

/** Shows a new secret once, in the shell's dialog. */
export function useShowOnce(): (shown: ShownOnce) => void {
  return useContext(ShowContext);
}
