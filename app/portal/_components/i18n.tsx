"use client";
import { createContext, type ReactNode, useContext } from "react";
import type { ClientI18n } from "@/lib/i18n/catalogue";

const I18nContext = createContext<ClientI18n | undefined>(undefined);

/**
 * The session's language for the portal's client components: the portal shell provides the
 * active language's client messages only (lib/i18n/client-i18n.ts), so the browser never
 * downloads another language's text.
 */
export function I18nProvider({ value, children }: { value: ClientI18n; children: ReactNode }) {
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): ClientI18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n needs the signed-in layout's I18nProvider");
  return value;
}
