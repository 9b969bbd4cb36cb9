import { theme } from "antd";
import type { CSSProperties, KeyboardEvent, ReactNode } from "react";

/**
 * A bordered list of rows, each a title line, a description and actions on the right; it reads well at
 * 390 px and on a desktop. It replaces antd's `List`, which antd 6.6 deprecates (and warns about on every
 * page that renders it); antd's successor `Listy` is a virtual scroller, more than a page of records needs.
 */
export function ItemList<T>({
  items,
  rowKey,
  renderItem,
  footer,
  testId,
}: {
  items: readonly T[];
  rowKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  /** Under the last row (「加载更多」). */
  footer?: ReactNode;
  testId?: string;
}) {
  const { token } = theme.useToken();
  return (
    <div
      data-testid={testId}
      style={{
        background: token.colorBgContainer,
        border: `1px solid ${token.colorBorder}`,
        borderRadius: token.borderRadiusLG,
      }}
    >
      <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {items.map((item) => (
          <li
            key={rowKey(item)}
            className="item-list-row"
            style={{ borderBottom: `1px solid ${token.colorSplit}` }}
          >
            {renderItem(item)}
          </li>
        ))}
      </ul>
      {footer}
    </div>
  );
}

/** One row of an `ItemList`: its title line, what is said under it, and buttons on the right. */
export function ItemRow({
  title,
  description,
  actions,
  onClick,
  style,
  testId,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode[];
  onClick?: () => void;
  style?: CSSProperties;
  testId?: string;
}) {
  const { token } = theme.useToken();
  // A row that opens something is a button for the keyboard too.
  const opens = onClick
    ? {
        role: "button",
        tabIndex: 0,
        onClick,
        onKeyDown: (e: KeyboardEvent) => {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            onClick();
          }
        },
      }
    : {};
  return (
    <div
      data-testid={testId}
      {...opens}
      style={{
        display: "flex",
        alignItems: "center",
        gap: 12,
        padding: `${token.paddingSM}px ${token.padding}px`,
        cursor: onClick ? "pointer" : undefined,
        ...style,
      }}
    >
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={{ color: token.colorText, marginBottom: description ? 4 : 0 }}>{title}</div>
        {description && <div style={{ color: token.colorTextSecondary }}>{description}</div>}
      </div>
      {actions && actions.length > 0 && <div style={{ display: "flex", gap: 8 }}>{actions}</div>}
    </div>
  );
}
