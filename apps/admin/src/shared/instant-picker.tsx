import { DatePicker } from "antd";
import { fromInstant, toInstant } from "./instant";

/**
 * A date-time field whose value is the ISO instant string the API takes; `dateOnly` for what is meant as a
 * day (the start of the picked day in China Standard Time).
 */
export function InstantPicker({
  value,
  onChange,
  id,
  dateOnly = false,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
  dateOnly?: boolean;
}) {
  return (
    <DatePicker
      id={id}
      {...(dateOnly
        ? { format: "YYYY-MM-DD" }
        : { showTime: { format: "HH:mm" }, format: "YYYY-MM-DD HH:mm" })}
      value={fromInstant(value)}
      onChange={(d) => onChange?.(toInstant(dateOnly ? d?.startOf("day") : d))}
      style={{ width: "100%" }}
      inputReadOnly
    />
  );
}
