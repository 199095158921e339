"use client";
import { createContext, type ReactNode, useContext, useState } from "react";
import { SecretReveal } from "./secret-reveal";

type Reveal = (title: string, secret: string) => void;
const RevealContext = createContext<Reveal>(() => {});

/**
 * Owns the "shown once" dialog for the whole keys page. A row cannot own it: rolling a key with no
 * grace removes that row on refresh, and the new secret would vanish with the unmounted row.
 */
export function SecretHost({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<{ title: string; secret: string }>();
  return (
    <RevealContext.Provider value={(title, secret) => setShown({ title, secret })}>
      {children}
      <SecretReveal secret={shown?.secret} title={shown?.title ?? ""} onDone={() => setShown(undefined)} />
    </RevealContext.Provider>
  );
}

export function useRevealSecret(): Reveal {
  return useContext(RevealContext);
}
