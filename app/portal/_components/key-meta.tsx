/**
 * A key's `meta`, shown only on portals configured with `showKeyMeta` (the caller decides). React
 * escapes every value; non-string values are shown as JSON.
 */
export function KeyMeta({ meta, summary }: { meta: Record<string, unknown>; summary: string }) {
  const entries = Object.entries(meta);
  if (entries.length === 0) return null;
  return (
    <details className="key-meta">
      <summary>{summary}</summary>
      <dl>
        {entries.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{typeof value === "string" ? value : JSON.stringify(value)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
