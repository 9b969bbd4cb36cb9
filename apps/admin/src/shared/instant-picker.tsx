import { DatePicker } from "antd";
import { fromInstant, toInstant } from "./instant";

/** A date-time field whose value is the ISO instant string the API takes. */
export function InstantPicker({
  value,
  onChange,
  id,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
}) {
  return (
    <DatePicker
      id={id}
      showTime={{ format: "HH:mm" }}
      format="YYYY-MM-DD HH:mm"
      value={fromInstant(value)}
      onChange={(d) => onChange?.(toInstant(d))}
      style={{ width: "100%" }}
      inputReadOnly
    />
  );
}
