import "./light.css";
import type { ReactNode } from "react";

export type Column<Row> = {
  key: string;
  title: ReactNode;
  render: (row: Row) => ReactNode;
  align?: "center" | "right";
  /** Keeps the cell on one line (short values: ranks, scores, grades). */
  nowrap?: boolean;
};

/** A plain table that scrolls sideways inside its box when it is wider than the screen. */
export function Table<Row>({
  columns,
  rows,
  rowKey,
  onRowClick,
  empty,
  ...rest
}: {
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  onRowClick?: (row: Row) => void;
  empty: ReactNode;
  "data-testid"?: string;
}) {
  const cellClass = (c: Column<Row>) =>
    [c.align === "center" && "lt-center", c.align === "right" && "lt-right", c.nowrap && "lt-nowrap"]
      .filter(Boolean)
      .join(" ") || undefined;
  return (
    <div className="lt-table-wrap">
      <table className="lt-table" {...rest}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} className={cellClass(c)}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="lt-center lt-muted">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr
                key={rowKey(row)}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
                style={onRowClick ? { cursor: "pointer" } : undefined}
              >
                {columns.map((c) => (
                  <td key={c.key} className={cellClass(c)}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
