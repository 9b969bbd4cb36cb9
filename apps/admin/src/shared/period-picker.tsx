import { DatePicker, Segmented, Space } from "antd";
import dayjs from "dayjs";
import quarterOfYear from "dayjs/plugin/quarterOfYear";
import { useI18n } from "../i18n/i18n-provider";

dayjs.extend(quarterOfYear);

export type PeriodKind = "month" | "quarter" | "year";

export function kindOf(period: string): PeriodKind {
  if (/^\d{4}-Q[1-4]$/.test(period)) return "quarter";
  if (/^\d{4}$/.test(period)) return "year";
  return "month";
}

/** The last finished month, in CST: what a county usually reviews and publishes. */
export function lastMonth(now = new Date()): string {
  const cst = new Date(now.getTime() + 8 * 3600_000);
  const d = new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

function toPeriod(kind: PeriodKind, d: dayjs.Dayjs): string {
  if (kind === "year") return d.format("YYYY");
  if (kind === "quarter") return `${d.format("YYYY")}-Q${d.quarter()}`;
  return d.format("YYYY-MM");
}

function toDay(period: string): dayjs.Dayjs {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return dayjs(new Date(Number(q[1]), (Number(q[2]) - 1) * 3, 1));
  if (/^\d{4}$/.test(period)) return dayjs(new Date(Number(period), 0, 1));
  return dayjs(`${period}-01`);
}

/** Month, quarter or year, as `2026-10`, `2026-Q3` or `2026`. */
export function PeriodPicker({ value, onChange }: { value: string; onChange: (p: string) => void }) {
  const { t } = useI18n();
  const kind = kindOf(value);
  return (
    <Space wrap>
      <Segmented<PeriodKind>
        value={kind}
        onChange={(k) => onChange(toPeriod(k, toDay(value)))}
        options={[
          { value: "month", label: t("period.month") },
          { value: "quarter", label: t("period.quarter") },
          { value: "year", label: t("period.year") },
        ]}
      />
      <DatePicker
        picker={kind}
        value={toDay(value)}
        allowClear={false}
        onChange={(d) => d && onChange(toPeriod(kind, d))}
        aria-label={t("league.period")}
      />
    </Space>
  );
}
