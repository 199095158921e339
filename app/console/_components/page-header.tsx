import type { ReactNode } from "react";

/** A console page's heading row: its title, one line on what it holds, and its main actions. */
export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="p-page-head">
      <div>
        <h1>{title}</h1>
        {description ? <p>{description}</p> : null}
      </div>
      {actions ? <div className="c-actions">{actions}</div> : null}
    </div>
  );
}
