import { Table, Tag, Typography } from "antd";
import { useI18n } from "../i18n/i18n-provider";
import { formatMetric, formatScore } from "./format-metric";
import { IndicatorRecords } from "./indicator-records";

/** One indicator of one township's month, as the engine scored it, named for reading. */
export type IndicatorTableRow = {
  code: string;
  name: string;
  /** Full marks; null when the scheme that scored it is not at hand. */
  maxScore: number | null;
  score: number;
  base?: number;
  deductions: number;
  bonus: number;
  zeroed: boolean;
  metric: number | null;
  /** What `metric` measures, when the row says it itself (the township's own preview does). */
  metricKind?: string;
  notes: string[];
  /** The records behind the score, opened from 「相关记录」. */
  records?: { kind: string; id: string }[];
};

/** A point change, signed and coloured; nothing deducted or added shows as "—". */
const change = (v: number, sign: "−" | "+") =>
  v > 0 ? (
    <Typography.Text type={sign === "−" ? "danger" : "success"}>
      {sign}
      {formatScore(v)}
    </Typography.Text>
  ) : (
    "—"
  );

/**
 * Each indicator of one township's month: score out of full marks, and why each point was lost. The
 * league drawer and the review breakdown both show it; the drawer adds the base column.
 */
export function IndicatorTable({
  rows,
  townshipId,
  metricOf,
  showBase = false,
}: {
  rows: IndicatorTableRow[];
  /** Whose records the 「相关记录」 links open (rows without records need none). */
  townshipId?: string;
  metricOf?: (code: string) => string | undefined;
  showBase?: boolean;
}) {
  const { t, locale } = useI18n();
  return (
    <Table<IndicatorTableRow>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: "max-content" }}
      expandable={{
        defaultExpandAllRows: true,
        rowExpandable: (r) => r.notes.length > 0 || (r.records?.length ?? 0) > 0,
        expandedRowRender: (r) => (
          <ul style={{ margin: 0, paddingLeft: 20 }} data-testid={`notes-${r.code}`}>
            {r.notes.map((n, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: notes are fixed per indicator and may repeat
              <li key={i}>{n}</li>
            ))}
            {townshipId && r.records && r.records.length > 0 && (
              <li>
                <IndicatorRecords townshipId={townshipId} title={r.name} records={r.records} />
              </li>
            )}
          </ul>
        ),
      }}
      columns={[
        {
          title: t("league.indicator"),
          dataIndex: "name",
          render: (name: string, r) => (
            <span>
              <Typography.Text type="secondary">{r.code}</Typography.Text> {name}
            </span>
          ),
        },
        {
          title: t("league.score"),
          dataIndex: "score",
          align: "right",
          render: (v: number, r) => (
            <span>
              <strong>{formatScore(v)}</strong>
              {r.maxScore !== null && <Typography.Text type="secondary"> / {r.maxScore}</Typography.Text>}
              {r.zeroed && (
                <Tag color="red" style={{ marginLeft: 4 }}>
                  {t("league.zeroed")}
                </Tag>
              )}
            </span>
          ),
        },
        ...(showBase
          ? [
              {
                title: t("league.base"),
                dataIndex: "base",
                align: "right" as const,
                render: (v: number | undefined) => (v === undefined ? "—" : formatScore(v)),
              },
            ]
          : []),
        {
          title: t("league.deductions"),
          dataIndex: "deductions",
          align: "right",
          render: (v: number) => change(v, "−"),
        },
        {
          title: t("league.bonus"),
          dataIndex: "bonus",
          align: "right",
          render: (v: number) => change(v, "+"),
        },
        {
          title: t("league.metric"),
          dataIndex: "metric",
          align: "right",
          render: (v: number | null, r) => formatMetric(r.metricKind ?? metricOf?.(r.code), v, locale),
        },
      ]}
    />
  );
}
