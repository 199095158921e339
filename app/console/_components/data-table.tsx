import type { ReactNode } from "react";

export type Column<T> = {
  header: string;
  cell: (row: T) => ReactNode;
  /** The row's main cell: a card's title on a phone. */
  primary?: boolean;
  numeric?: boolean;
  /** Buttons only: no label on a phone, narrow on a desktop. */
  actions?: boolean;
};

/**
 * A server-rendered table with a caption for screen readers; on a phone each row becomes a card whose
 * cells are labelled by their column (the portal's `.table-stack`). Rows are given a page at a time.
 */
export function DataTable<T>({ caption, columns, rows, rowKey, testId }: { caption: string; columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string; testId?: string }) {
  return (
    <div className="table-wrap">
      <table className="table table-stack c-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={c.numeric ? "num" : c.actions ? "cell-actions" : undefined}>
                {c.actions ? <span className="visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.header} data-label={c.header} className={c.primary ? "cell-primary" : c.numeric ? "num" : c.actions ? "cell-actions" : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
