import "./light.css";
import {
  type AnchorHTMLAttributes,
  type ButtonHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  useId,
} from "react";

/** The root of a page built from light components: sets their colours and box model. */
export function LightPage({ children, style }: { children: ReactNode; style?: React.CSSProperties }) {
  return (
    <div className="lt" style={style}>
      {children}
    </div>
  );
}

type Look = { kind?: "default" | "primary" | "text"; small?: boolean; block?: boolean };
const buttonClass = ({ kind = "default", small, block }: Look) =>
  ["lt-btn", kind !== "default" && `lt-btn-${kind}`, small && "lt-btn-small", block && "lt-btn-block"]
    .filter(Boolean)
    .join(" ");

/** A button; `busy` disables it and shows a spinner. */
export function Button({
  kind,
  small,
  block,
  busy = false,
  children,
  type = "button",
  ...rest
}: Look & { busy?: boolean } & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type={type}
      className={buttonClass({ kind, small, block })}
      disabled={busy || rest.disabled}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy && <Spinner small />}
      {children}
    </button>
  );
}

/** A link that looks like a button (downloads). */
export function ButtonLink({ kind, small, block, ...rest }: Look & AnchorHTMLAttributes<HTMLAnchorElement>) {
  return <a className={buttonClass({ kind, small, block })} {...rest} />;
}

/** A labelled text input with its error under it. */
export function TextField({
  label,
  error,
  ...rest
}: { label: string; error?: string | null } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="lt-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="lt-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        {...rest}
      />
      {error && (
        <div id={errorId} className="lt-field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/** A native select: on a phone it opens the system's own picker. */
export function Select({
  value,
  onChange,
  options,
  label,
  style,
}: {
  value: string;
  onChange: (v: string) => void;
  options: { value: string; label: string }[];
  label: string;
  style?: React.CSSProperties;
}) {
  return (
    <select
      className="lt-input"
      value={value}
      aria-label={label}
      onChange={(e) => onChange(e.target.value)}
      style={style}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function Alert({
  type,
  title,
  description,
  style,
  ...rest
}: {
  type: "error" | "info";
  title: ReactNode;
  description?: ReactNode;
  style?: React.CSSProperties;
  "data-testid"?: string;
}) {
  return (
    <div
      className={`lt-alert lt-alert-${type}`}
      role={type === "error" ? "alert" : "status"}
      style={style}
      {...rest}
    >
      <div className="lt-alert-title">{title}</div>
      {description && <div>{description}</div>}
    </div>
  );
}

/** A small coloured label; colours are antd's preset names (green, blue, gold, orange, red). */
export function Tag({
  color,
  children,
  ...rest
}: {
  color?: string;
  children: ReactNode;
  "data-testid"?: string;
}) {
  return (
    <span className={color && color !== "default" ? `lt-tag lt-tag-${color}` : "lt-tag"} {...rest}>
      {children}
    </span>
  );
}

export function Spinner({ small = false, label }: { small?: boolean; label?: string }) {
  return (
    <span
      className="lt-spin"
      role="status"
      aria-label={label}
      style={small ? { width: 14, height: 14, borderWidth: 2 } : undefined}
    />
  );
}
