"use client";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useRef, useTransition } from "react";
import { useI18n } from "./i18n";

const DEBOUNCE_MS = 250;

/**
 * The name filter of the keys table. With JavaScript it applies as you type: 250 ms after the last
 * keystroke the URL becomes `?q=…` (replaced, not pushed, and back to the first page) and the server
 * renders the narrower list. Without JavaScript it is a plain GET form with a Filter button.
 */
export function KeyFilter({ action, value }: { action: string; value: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [pending, startTransition] = useTransition();
  const { m } = useI18n();

  const apply = (raw: string) => {
    clearTimeout(timer.current);
    const q = raw.trim();
    startTransition(() => router.replace(q ? `${action}?${new URLSearchParams({ q })}` : action, { scroll: false }));
  };

  // A link that changes the filter ("Clear filter") updates the box, unless the user is typing in it.
  useEffect(() => {
    if (input.current && document.activeElement !== input.current) input.current.value = value;
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    apply(input.current?.value ?? "");
  };

  return (
    <form role="search" method="get" action={action} className="p-search" onSubmit={submit} aria-busy={pending || undefined}>
      <label htmlFor="key-filter" className="visually-hidden">
        {m.filter.label}
      </label>
      <input
        ref={input}
        id="key-filter"
        type="search"
        name="q"
        className="input"
        defaultValue={value}
        placeholder={m.filter.placeholder}
        maxLength={200}
        autoComplete="off"
        onChange={(e) => {
          const raw = e.currentTarget.value;
          clearTimeout(timer.current);
          timer.current = setTimeout(() => apply(raw), DEBOUNCE_MS);
        }}
      />
      <noscript>
        <button type="submit" className="btn">
          {m.filter.submit}
        </button>
      </noscript>
    </form>
  );
}
