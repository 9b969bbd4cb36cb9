import { formatScore } from "../../shared/format-metric";
import type { ExportInput } from "../../shared/league-table/export-meta";
import { periodLabel } from "../../shared/period-label";
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

/** The printed 通报: title, date, the table and notes, laid out for A4 portrait. */
export function PrintReport({ table, meta }: ExportInput) {
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
