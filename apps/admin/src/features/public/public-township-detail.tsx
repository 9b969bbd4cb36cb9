import type { LeagueRow } from "@pingan/domain";
import { useEffect } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import { formatMetric, formatScore } from "../../shared/format-metric";
import { gradeColor } from "../../shared/grade-color";
import { Alert, Button, Tag } from "../../shared/light/controls";
import { type Column, Table } from "../../shared/light/table";
import { isMonth } from "../../shared/period-label";

/** What the public API says of the scheme a table was scored with. */
export type PublicScheme = {
  name: string;
  indicators: { code: string; name: string; maxScore: number; metric?: string }[];
};

type Indicator = LeagueRow["indicators"][number];

/** One township of a published table: its place, and each indicator by name with its score and notes. */
export function PublicTownshipDetail({
  row,
  period,
  scheme,
  onClose,
}: {
  row: LeagueRow;
  period: string;
  scheme: PublicScheme | null;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  const info = (code: string) => scheme?.indicators.find((i) => i.code === code);
  const columns: Column<Indicator>[] = [
    {
      key: "name",
      title: t("league.indicator"),
      render: (r) => (
        <>
          <div>{info(r.code)?.name ?? r.code}</div>
          {r.notes.length > 0 && (
            <ul
              className="lt-muted"
              style={{ margin: "4px 0 0", paddingLeft: 18 }}
              data-testid={`notes-${r.code}`}
            >
              {r.notes.map((n, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: notes are fixed per indicator and may repeat
                <li key={i}>{n}</li>
              ))}
            </ul>
          )}
        </>
      ),
    },
    {
      key: "score",
      title: t("league.score"),
      align: "right",
      nowrap: true,
      render: (r) => (
        <>
          <strong>{formatScore(r.score)}</strong>
          {info(r.code) && <span className="lt-muted"> / {info(r.code)?.maxScore}</span>}
          {r.zeroed && (
            <div>
              <Tag color="red">{t("league.zeroed")}</Tag>
            </div>
          )}
        </>
      ),
    },
    {
      key: "metric",
      title: t("league.metric"),
      align: "right",
      nowrap: true,
      render: (r) => formatMetric(info(r.code)?.metric, r.metric, locale),
    },
  ];

  return (
    <div className="lt-dialog-back">
      <button
        type="button"
        className="lt-dialog-shade"
        tabIndex={-1}
        aria-label={t("public.close")}
        onClick={onClose}
      />
      <div
        className="lt-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={`${row.name} ${t("league.detail")}`}
      >
        <div className="lt-dialog-head">
          <span>
            {row.name}　{t("league.detail")}
          </span>
          <Button kind="text" onClick={onClose} aria-label={t("public.close")}>
            ✕
          </Button>
        </div>
        <div className="lt-dialog-body">
          <div className="lt-row" style={{ marginBottom: 12 }}>
            <span>
              {t("league.rank")}：<strong>{row.rank}</strong>
            </span>
            <span>
              {t("league.total")}：<strong>{formatScore(row.total)}</strong>
            </span>
            <span>
              {t("league.grade")}：<Tag color={gradeColor(row.grade)}>{row.grade}</Tag>
              {row.vetoed && <Tag color="red">{t("league.vetoed")}</Tag>}
            </span>
          </div>
          {scheme && (
            <div className="lt-muted" style={{ marginBottom: 12 }}>
              {t("public.scheme", { name: scheme.name })}
            </div>
          )}
          {!isMonth(period) || row.indicators.length === 0 ? (
            <Alert type="info" title={t("league.quarterNoIndicators")} />
          ) : (
            <Table<Indicator>
              data-testid="public-indicators"
              columns={columns}
              rows={row.indicators}
              rowKey={(r) => r.code}
              empty="—"
            />
          )}
        </div>
      </div>
    </div>
  );
}
