import { formatScore } from "../../shared/format-metric";
import type { ExportInput } from "../../shared/league-table/export-meta";
import { periodLabel } from "../../shared/period-label";
import { type YearOnYearRow, YOY_KINDS, yoyChange } from "../../shared/year-on-year";
import "./print-report.css";
import { printNotes } from "./print-notes";

function chineseDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split("-");
  return `${y}年${Number(m)}月${Number(d)}日`;
}

function changeText(n: number): string {
  if (n > 0) return `↑${n}`;
  if (n < 0) return `↓${-n}`;
  return "—";
}

/** The month a period's 同比 runs to: its last month, or the current one while the period is not over. */
export function yoyMonthOf(period: string, now: Date): string | null {
  const year = /^(\d{4})/.exec(period)?.[1];
  if (!year) return null;
  const quarter = /-Q([1-4])$/.exec(period)?.[1];
  const last = /^\d{4}-\d{2}$/.test(period)
    ? period
    : quarter
      ? `${year}-${String(Number(quarter) * 3).padStart(2, "0")}`
      : `${year}-12`;
  const china = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
  // The earlier of the two (months compare as strings).
  return [last, china].sort()[0] as string;
}

type YearOnYear = {
  from: string;
  month: string;
  previousFrom: string;
  previousTo: string;
  rows: YearOnYearRow[];
};
const YOY_NAMES = { dispute: "矛盾纠纷", petition: "信访", incident: "治安案件" } as const;

/** The printed 通报: title, date, the table, the 同比 counts and notes, laid out for A4 portrait. */
export function PrintReport({
  table,
  meta,
  yearOnYear,
}: ExportInput & { yearOnYear?: YearOnYear | undefined }) {
  return (
    <article className="print-report" data-testid="print-report">
      <h1>
        {meta.countyName}
        {periodLabel(table.period)}平安建设考评情况通报
      </h1>
      <p className="print-meta">
        <span>{meta.version ? `第${meta.version}版` : "未发布（试算）"}</span>
        <span>{chineseDate(meta.date)}</span>
      </p>
      <table>
        <thead>
          <tr>
            <th>名次</th>
            <th>乡镇（街道）</th>
            <th>总分</th>
            <th>加分</th>
            <th>等次</th>
            <th>名次变化</th>
            <th>备注</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.townshipId} className={r.vetoed ? "vetoed" : undefined}>
              <td>{r.rank}</td>
              <td className="name">{r.name}</td>
              <td>{formatScore(r.total)}</td>
              <td>{formatScore(r.bonus)}</td>
              <td>{r.grade}</td>
              <td>{changeText(r.rankChange)}</td>
              <td>{r.vetoed ? "一票否决" : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {yearOnYear && yearOnYear.rows.length > 0 && (
        <section className="print-yoy" data-testid="print-year-on-year">
          <h2>
            同比情况（{periodLabel(yearOnYear.from)}至{periodLabel(yearOnYear.month)}，与上年同期相比）
          </h2>
          <table>
            <thead>
              <tr>
                <th>乡镇（街道）</th>
                {YOY_KINDS.map((k) => (
                  <th key={k}>{YOY_NAMES[k]}（本年/上年/增减）</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {yearOnYear.rows.map((r) => (
                <tr key={r.townshipId}>
                  <td className="name">{r.name}</td>
                  {YOY_KINDS.map((k) => (
                    <td key={k}>
                      {r.current[k]} / {r.previous[k]} / {yoyChange(r.current[k], r.previous[k])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section className="print-notes">
        <h2>说明</h2>
        <ol>
          {printNotes(table, meta.correctionReason).map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ol>
      </section>
      <p className="print-issuer">{meta.countyName}委政法委（平安办）</p>
    </article>
  );
}
